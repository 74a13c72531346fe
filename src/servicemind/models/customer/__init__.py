"""The customer-side text model artefact (package data): vocab.json.gz, model.npz,
model-card.json. Produced by ``python -m servicemind.training.customer``."""
