from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.gold.json"
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture
def shared():
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
