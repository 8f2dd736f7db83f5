// schakel.js: progressive enhancement only; every page works without it.
//
// A group of repeated blocks (rules, grounds, names) grows with a button
// that posts the form back; htmx swaps in the group with one block more,
// and the button that was pressed is gone with the old group. The group
// names the new block in data-focus-block, so the focus goes to the new
// block's first field instead of falling back to the page.
(function () {
	"use strict";
	function focusNewBlock() {
		var group = document.querySelector("[data-focus-block]");
		if (!group) {
			return;
		}
		var block = document.getElementById(group.getAttribute("data-focus-block"));
		group.removeAttribute("data-focus-block");
		var field = block && block.querySelector("input, select, textarea");
		if (field) {
			field.focus();
		}
	}
	document.addEventListener("htmx:afterSettle", focusNewBlock);
	document.addEventListener("DOMContentLoaded", focusNewBlock);
})();
