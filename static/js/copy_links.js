// Copy buttons beside each review link on a release's change page.
// Without JavaScript, or where the Clipboard API is not offered (it needs HTTPS), the
// buttons stay hidden and each link is text to select and copy by hand.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  for (const button of document.querySelectorAll("button[data-copy]")) {
    // Said beside the button, and read out by screen readers (role="status").
    const status = button.nextElementSibling;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        status.textContent = button.dataset.copied;
      } catch {
        status.textContent = button.dataset.failed;
      }
    });
  }
});
