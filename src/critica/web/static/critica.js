// critica: progressive enhancement only; every page works without it.
"use strict";
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-toggle]");
  if (!button) return;
  const target = document.getElementById(button.getAttribute("data-toggle"));
  if (!target) return;
  const open = target.hasAttribute("hidden");
  if (open) target.removeAttribute("hidden"); else target.setAttribute("hidden", "");
  button.setAttribute("aria-expanded", String(open));
});
