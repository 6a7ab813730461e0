// The builder's "insert data" menu: puts the chosen token at the cursor of a section's text.
// Without JavaScript the texts still accept tokens typed by hand; the menu stays hidden.
(function () {
  var menu = document.getElementById("token-menu");
  var choice = document.getElementById("token-choice");
  if (!menu || !choice) { return; }
  menu.hidden = false;
  document.querySelectorAll("button.insert-token").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var area = document.getElementById(button.dataset.target);
      var token = choice.value;
      var start = area.selectionStart, end = area.selectionEnd;
      area.value = area.value.slice(0, start) + token + area.value.slice(end);
      area.focus();
      area.selectionStart = area.selectionEnd = start + token.length;
    });
  });
})();
