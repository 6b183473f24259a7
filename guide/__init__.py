"""The public guide: Markdown pages generated from act records, the lineage graph and the
rules export, rendered into a static site by MkDocs Material (``shezhire.guide.build.build_site``)."""
