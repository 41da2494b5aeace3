/* Material for MkDocs' content helper (from its partials/javascripts/content.html), loaded
   from a file for the Content-Security-Policy: opens a tab named in the address's #hash. */
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
