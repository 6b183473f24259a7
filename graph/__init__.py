"""The lineage graph of the corpus: acts, who repealed, amended and cited whom, and when."""

from shezhire.graph.build import records_to_graph

__all__ = ["records_to_graph"]
