"""The matching engine: explainable candidate-job scores, two-stage retrieval and the vectorized scorer."""
