/* Material for MkDocs' storage helpers (from its partials/javascripts/base.html), loaded
   from a file instead of inline so the Content-Security-Policy can allow only the site's
   own scripts. The scope is the site's root: two folders above this file. */
__md_scope = new URL("../../", document.currentScript.src),
__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0),
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };
