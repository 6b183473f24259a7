/*
 * The language switch (site/overrides/partials/alternate.html) links each language to the
 * same page in that language's tree, worked out when the site is built. Material's own
 * handler of such links would instead look the page up in the other tree's sitemap, and
 * whenever that lookup misses (this site has no absolute site_url, so its sitemaps name no
 * page it can match) it leads to the other tree's home page: which of the two happened
 * depended on which sitemap had loaded first. The switch's links are therefore followed as
 * written: their clicks are kept from Material's handler (which listens on the body), and the
 * browser follows the link itself.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest("a[data-shz-lang]")) {
      event.stopPropagation();
    }
  }, true);
})();
