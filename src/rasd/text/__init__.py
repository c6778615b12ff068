"""Offset-preserving text helpers shared by every stage."""
