/* The "page not found" page holds both languages (GitHub Pages serves the one root 404.html
 * for every missing path): when the missing path is under en/, English goes first. A file
 * rather than an inline script, so the Content-Security-Policy allows no inline script of ours.
 */
(function (box) {
  var english = box.querySelector('[data-lang="en"]')
  if (english && location.pathname.indexOf(box.dataset.prefix + "en/") === 0) {
    box.insertBefore(english, box.firstElementChild)
  }
})(document.currentScript.previousElementSibling)
