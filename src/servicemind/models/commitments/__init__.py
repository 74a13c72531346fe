"""The commitment sentence model artefact (package data): model.json.gz, MODEL_CARD.md.
Produced by ``servicemind train commitments``; read by servicemind.analyse._commitment_model."""
