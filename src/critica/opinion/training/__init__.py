"""Training material for opinion_v2 that we wrote ourselves (see own_sentences.py)."""
