"""Eligibility rules read from the acts, their export, and the checker that answers from them."""
