"""The public guide: Markdown pages generated from act records, the lineage graph and the
rules export, rendered into a static site by MkDocs Material (``guide.build.build_site``)."""
