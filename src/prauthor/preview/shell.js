// The preview page: follow the server's events and show each new render.
"use strict";

const $ = (id) => document.getElementById(id);
const shown = { html: 0, pdf: 0 };
let busy = false;
let again = false;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showStatus(state) {
  const status = $("status");
  if (state.errors.length) {
    status.className = "status failed";
    status.textContent = `Render failed at ${state.failed_at}` +
      (state.html_version ? `: showing the last good render (${state.rendered_at})` : "");
  } else {
    status.className = "status ok";
    status.textContent = `Rendered at ${state.rendered_at}`;
  }
  $("mode").textContent = [state.wire, state.final ? "final" : "draft"].filter(Boolean)
    .join(" · ");
}

function showErrors(state) {
  $("errors").replaceChildren(...state.errors.map((line) => element("li", "", line)));
  $("problems").hidden = state.errors.length === 0;
  $("problems-note").textContent = state.html_version ?
    "Fix these and save: the last good render stays below meanwhile." :
    "Fix these and save: the release shows here once it renders.";
}

function showPage(version) {
  if (!version || version === shown.html) return;
  shown.html = version;
  const frame = $("page");
  const scrolled = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  frame.onload = () => {
    if (frame.contentWindow) frame.contentWindow.scrollTo(0, scrolled);
    document.body.dataset.htmlVersion = String(version);
  };
  frame.src = `/page?v=${version}`;
}

function showPdf(pdf) {
  const count = pdf.pages;
  $("pdf-status").textContent = pdf.rendering ? "(rendering…)" :
    count ? `(${count} page${count === 1 ? "" : "s"})` : "";
  const error = [pdf.error, ...pdf.warnings].filter(Boolean).join("\n");
  $("pdf-error").textContent = error;
  $("pdf-error").hidden = !error;
  if (!pdf.version || pdf.version === shown.pdf) return;
  shown.pdf = pdf.version;
  const version = pdf.version;
  const pages = [];
  for (let number = 1; number <= count; number += 1) {
    const image = element("img");
    image.alt = `PDF page ${number} of ${count}`;
    image.src = `/pdf/${number}.png?v=${version}`;
    pages.push(image);
  }
  // Swap the pages once the new ones are drawn, so that they never blink out.
  Promise.all(pages.map((image) => image.decode().catch(() => null))).then(() => {
    if (shown.pdf !== version) return;
    $("pdf-pages").replaceChildren(...pages);
    document.body.dataset.pdfVersion = String(version);
  });
}

function showFindings(findings, rendered) {
  if (!rendered) return;
  const errors = findings.filter((f) => f.severity === "error").length;
  $("findings-count").textContent =
    `(${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning` +
    `${findings.length - errors === 1 ? "" : "s"})`;
  $("findings").replaceChildren(...findings.map((f) => {
    const item = element("li", f.severity);
    item.append(element("span", "severity", f.severity));
    if (f.where) item.append(element("span", "where", `${f.where}: `));
    item.append(document.createTextNode(`${f.message} `), element("span", "rule", `[${f.rule}]`));
    if (f.hint) item.append(element("span", "hint", f.hint));
    return item;
  }));
}

async function update() {
  if (busy) { again = true; return; }
  busy = true;
  try {
    const response = await fetch("/state", { cache: "no-store" });
    const state = await response.json();
    showStatus(state);
    showErrors(state);
    $("text").textContent = state.text;
    showFindings(state.findings, state.html_version);
    showPage(state.html_version);
    showPdf(state.pdf);
    document.body.dataset.version = String(state.version);
  } catch (error) {
    $("status").className = "status lost";
    $("status").textContent = `Cannot reach the preview: ${error}`;
  } finally {
    busy = false;
    if (again) { again = false; update(); }
  }
}

const events = new EventSource("/events");
events.onmessage = update;
events.onerror = () => {
  $("status").className = "status lost";
  $("status").textContent = "Lost the preview server: is `prauthor preview` still running?";
};
