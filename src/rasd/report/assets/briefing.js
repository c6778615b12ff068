/* rasd briefing: language switch, lazy article texts, jumps to evidence, table sort and filters.
   Article text is only ever inserted with createTextNode/textContent: it never becomes markup. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("rasd-data").textContent);
  var L = DATA.labels;
  var lang = "ar";
  var lastHl = [];

  function parts(iso) {
    if (!iso) return null;
    var p = iso.split("-").map(Number);
    if (!p.length || p.length > 3 || p.some(isNaN) || (p.length > 1 && (p[1] < 1 || p[1] > 12))) return null;
    return p;
  }
  function one(p, lg) {
    var m = L[lg].months;
    if (p.length === 1) return String(p[0]);
    if (p.length === 2) return m[p[1] - 1] + " " + p[0];
    return p[2] + " " + m[p[1] - 1] + " " + p[0];
  }
  /* same rules as rasd.report.labels.format_date */
  function fmtDate(value, lg) {
    if (!value) return "";
    var i = value.indexOf("/");
    var a = parts(i < 0 ? value : value.slice(0, i)), b = i < 0 ? null : parts(value.slice(i + 1));
    if (!a && !b) return value;
    if (!a || !b || a.join("-") === b.join("-")) return one(a || b, lg);
    if (a.length === 3 && b.length === 3 && a[0] === b[0] && a[1] === b[1])
      return a[2] + "–" + b[2] + " " + L[lg].months[a[1] - 1] + " " + a[0];
    return one(a, lg) + " – " + one(b, lg);
  }

  function setLang(lg) {
    lang = lg;
    var root = document.documentElement;
    root.lang = lg;
    root.dir = lg === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-l]").forEach(function (el) {
      var t = L[lg][el.getAttribute("data-l")];
      if (typeof t === "string") el.textContent = t;
    });
    document.querySelectorAll("[data-d]").forEach(function (el) {
      el.textContent = fmtDate(el.getAttribute("data-d"), lg);
    });
    document.title = L[lg]["ui.title"];
  }

  function renderArticle(i) {
    var det = document.getElementById("doc-" + i);
    if (!det) return null;
    var box = det.querySelector(".txt");
    if (box.getAttribute("data-done")) return det;
    var d = DATA.docs[i], raw = d.raw, S = DATA.strs, pos = 0, frag = document.createDocumentFragment();
    for (var j = 0; j < d.segs.length; j += 3) {
      var a = d.segs[j], b = d.segs[j + 1], idx = d.segs[j + 2];
      if (typeof idx === "number") idx = [idx];
      if (a > pos) frag.appendChild(document.createTextNode(raw.slice(pos, a)));
      var span = document.createElement("span"), cls = [], keys = [], tips = [], gloss = "";
      idx.forEach(function (k) {
        var m = d.marks[k], tip = S[m[3]];
        S[m[1]].split(" ").forEach(function (c) { if (cls.indexOf(c) < 0) cls.push(c); });
        if (keys.indexOf(m[2]) < 0) keys.push(m[2]);
        if (tip && tips.indexOf(tip) < 0) tips.push(tip);
        if (m[2].charAt(0) === "n" && m[0] === b) gloss = tip;  /* canonical name after a mention */
      });
      span.className = cls.join(" ");
      span.setAttribute("data-m", keys.join(" "));
      if (tips.length) span.title = tips.join(" · ");
      if (gloss) span.setAttribute("data-en", gloss);
      span.textContent = raw.slice(a, b);
      frag.appendChild(span);
      pos = b;
    }
    if (pos < raw.length) frag.appendChild(document.createTextNode(raw.slice(pos)));
    box.appendChild(frag);
    box.setAttribute("data-done", "1");
    return det;
  }

  function highlight(els) {
    lastHl.forEach(function (el) { el.classList.remove("hl"); });
    lastHl = els;
    els.forEach(function (el) { el.classList.add("hl"); });
    if (els.length) els[0].scrollIntoView({block: "center"});
  }

  /* ref: "d3" (an article), "d3e0" (its event 0), "d3n2" (entity 2), "d3r1" (shared passage)... */
  function jump(ref) {
    var m = /^d(\d+)(.*)$/.exec(ref || "");
    if (!m) return;
    var det = renderArticle(+m[1]);
    if (!det) return;
    det.open = true;
    var els = [];
    if (m[2]) {
      det.querySelectorAll(".txt span[data-m]").forEach(function (el) {
        if (el.getAttribute("data-m").split(" ").indexOf(m[2]) >= 0) els.push(el);
      });
    }
    highlight(els.length ? els : [det]);
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("[data-jump]");
    if (a) { ev.preventDefault(); jump(a.getAttribute("data-jump")); return; }
    var ment = ev.target.closest(".txt .ent[title]");
    if (ment) {
      var name = ment.title.split(" · ")[0].toLowerCase();
      var row = Array.prototype.find.call(document.querySelectorAll("#entities-table tr[data-name]"),
        function (r) { return r.getAttribute("data-name") === name; });
      if (row) highlight([row]);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var a = ev.target.closest && ev.target.closest("[data-jump]");
    if (a) { ev.preventDefault(); jump(a.getAttribute("data-jump")); }
  });
  document.addEventListener("toggle", function (ev) {
    var t = ev.target;
    if (t.classList && t.classList.contains("art") && t.open) renderArticle(+t.getAttribute("data-doc"));
  }, true);

  document.getElementById("lang").addEventListener("click", function () { setLang(lang === "ar" ? "en" : "ar"); });

  /* small DOM helpers: text always goes in as text */
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = text;
    return x;
  }
  function lab(key, cls) {
    var x = el("span", cls, L[lang][key] !== undefined ? L[lang][key] : key.slice(key.indexOf(".") + 1));
    x.setAttribute("data-l", key);
    return x;
  }
  function dateEl(v) {
    var x = el("time", "", fmtDate(v, lang));
    x.setAttribute("data-d", v);
    return x;
  }
  function names(ids) {
    var f = document.createDocumentFragment();
    ids.forEach(function (k, i) {
      if (i) f.appendChild(document.createTextNode(", "));
      f.appendChild(el("bdi", "", DATA.strs[k]));
    });
    return f;
  }
  function jumpLink(ref, doc, cls) {
    var a = el("a", cls);
    a.href = "#doc-" + doc;
    a.setAttribute("data-jump", ref);
    return a;
  }
  function appendAll(parent, items, sep) {
    items.forEach(function (x, i) {
      if (i && sep) parent.appendChild(document.createTextNode(sep));
      parent.appendChild(x);
    });
    return parent;
  }

  /* one row of the events table from its compact record (see rasd.report.html.row_record) */
  function buildRow(r) {
    var tr = el("tr", r.cf ? "conflict" : "");
    tr.setAttribute("data-type", r.t);
    tr.setAttribute("data-topics", r.tp.join(" "));
    tr.setAttribute("data-countries", r.co.join(" "));
    tr.setAttribute("data-entities", r.en);
    tr.setAttribute("data-ref", r.ev[0][0]);
    var a = jumpLink(r.ev[0][0], r.ev[0][1], "jump");
    a.appendChild(lab("type." + r.t, "tbadge t-" + r.t));
    if (r.m) { a.appendChild(document.createTextNode(" / ")); a.appendChild(lab("mode." + r.m)); }
    if (r.s) { a.appendChild(document.createTextNode(" ")); a.appendChild(lab("ui.scheduled", "badge")); }
    tr.appendChild(el("td")).appendChild(a);
    var parties = tr.appendChild(el("td"));
    parties.appendChild(r.a.length ? names(r.a) : document.createTextNode("—"));
    if (r.c.length) {
      parties.appendChild(document.createTextNode(" "));
      parties.appendChild(el("span", "arrow"));
      parties.appendChild(document.createTextNode(" "));
      parties.appendChild(names(r.c));
    }
    var place = tr.appendChild(el("td"));
    if (r.p) {
      place.appendChild(el("bdi", "", DATA.strs[r.p[0]]));
      if (r.p[1]) {
        var c = place.appendChild(el("span", "muted", " ("));
        c.appendChild(lab("country." + r.p[1]));
        c.appendChild(document.createTextNode(")"));
      }
    } else place.textContent = "—";
    var date = tr.appendChild(el("td"));
    date.setAttribute("data-sort", r.d.length ? r.d.slice().sort()[0] : "9999");
    if (r.cf && r.cf.indexOf("date") >= 0) {
      var fl = date.appendChild(el("span", "flag", "⚠"));
      fl.title = "conflict";
      date.appendChild(document.createTextNode(" "));
    }
    appendAll(date, r.d.map(dateEl), " | ");
    if (!r.d.length) date.appendChild(r.dt ? el("span", "muted", "«" + r.dt + "»") : document.createTextNode("—"));
    if (r.inf) {
      var inf = date.appendChild(el("span", "muted", " *"));
      inf.title = "inferred from " + r.inf.join(", ");
    }
    var topics = tr.appendChild(el("td"));
    appendAll(topics, r.tp.map(function (t) { return lab("topic." + t); }), "، ");
    if (!r.tp.length) topics.textContent = "—";
    var outs = tr.appendChild(el("td"));
    outs.setAttribute("data-sort", ("0000" + r.ev.length).slice(-5));
    appendAll(outs, r.ev.map(function (x) {
      var a = jumpLink(x[0], x[1], "chip");
      a.textContent = DATA.docs[x[1]].o;
      return a;
    }), " ");
    return tr;
  }

  /* events table: sort by a column, filter by type, topic, country, entity */
  var table = document.getElementById("events-table");
  if (table) {
    var tbody = table.tBodies[0];
    var frag = document.createDocumentFragment();
    DATA.rows.forEach(function (r) { frag.appendChild(buildRow(r)); });
    tbody.appendChild(frag);
    var key = function (cell) {
      var k = cell.getAttribute("data-sort");
      return k === null ? cell.textContent.trim().toLowerCase() : k;
    };
    table.querySelectorAll("th").forEach(function (th) {
      th.addEventListener("click", function () {
        var col = +th.getAttribute("data-col"), asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[col]), b = key(y.cells[col]);
          return (a < b ? -1 : a > b ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    var fType = document.getElementById("f-type"), fTopic = document.getElementById("f-topic"),
        fCountry = document.getElementById("f-country"), fEnt = document.getElementById("f-entity");
    var applyFilters = function () {
      var t = fType.value, tp = fTopic.value, c = fCountry.value, en = fEnt.value.trim().toLowerCase(), n = 0;
      Array.prototype.forEach.call(tbody.rows, function (r) {
        var ok = (!t || r.getAttribute("data-type") === t) &&
          (!tp || r.getAttribute("data-topics").split(" ").indexOf(tp) >= 0) &&
          (!c || r.getAttribute("data-countries").split(" ").indexOf(c) >= 0) &&
          (!en || r.getAttribute("data-entities").indexOf(en) >= 0);
        r.classList.toggle("hidden", !ok);
        if (ok) n++;
      });
      document.getElementById("shown-n").textContent = n;
    };
    [fType, fTopic, fCountry].forEach(function (s) { s.addEventListener("change", applyFilters); });
    fEnt.addEventListener("input", applyFilters);
  }

  if (/^#en\b/.test(location.hash)) setLang("en");
  var m = /^#doc-(\d+)$/.exec(location.hash);
  if (m) jump("d" + m[1]);
  window.rasdBriefing = {jump: jump, setLang: setLang, fmtDate: fmtDate};
})();
