// The desk's few behaviours: drag and drop, the preview toggles, corrections without a reload.
// Everything works without it too: forms post and the page comes back.
(function () {
  "use strict";
  const night = () => localStorage.getItem("desk-night") === "1";
  const phone = () => localStorage.getItem("desk-phone") === "1";

  function fit(frame) {
    const doc = frame.contentDocument;
    if (!doc || !doc.body) return;
    doc.body.classList.toggle("nightMode", night());
    doc.body.classList.toggle("night_mode", night());
    frame.style.height = (doc.body.offsetHeight + 4) + "px";
  }

  function setUp(root) {
    root.querySelectorAll("iframe.card-preview").forEach((frame) => {
      frame.addEventListener("load", () => fit(frame));
      if (frame.contentDocument && frame.contentDocument.readyState === "complete") fit(frame);
    });
    root.querySelectorAll("form.live").forEach((form) => {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        // an input named "action" hides form.action
        const response = await fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form) });
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById("main");
        const main = document.getElementById("main");
        if (!fresh || !main) { location.reload(); return; }
        const y = window.scrollY;
        main.innerHTML = fresh.innerHTML;
        setUp(main);
        window.scrollTo(0, y);
        document.body.dataset.updated = String(Date.now());
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const nightBox = document.getElementById("night-toggle");
    const phoneBox = document.getElementById("phone-toggle");
    nightBox.checked = night();
    phoneBox.checked = phone();
    document.body.classList.toggle("night", night());
    document.body.classList.toggle("phone", phone());
    nightBox.addEventListener("change", () => {
      localStorage.setItem("desk-night", nightBox.checked ? "1" : "0");
      document.body.classList.toggle("night", nightBox.checked);
      document.querySelectorAll("iframe.card-preview").forEach(fit);
    });
    phoneBox.addEventListener("change", () => {
      localStorage.setItem("desk-phone", phoneBox.checked ? "1" : "0");
      document.body.classList.toggle("phone", phoneBox.checked);
      document.querySelectorAll("iframe.card-preview").forEach(fit);
    });
    const drop = document.getElementById("drop");
    const files = document.getElementById("files");
    if (drop && files) {
      drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
      drop.addEventListener("dragleave", () => drop.classList.remove("over"));
      drop.addEventListener("drop", (e) => {
        e.preventDefault();
        drop.classList.remove("over");
        files.files = e.dataTransfer.files;
        document.getElementById("upload").submit();
      });
    }
    setUp(document);
  });
})();
