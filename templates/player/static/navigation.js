/* One page at a time, and the way back from a link out of a lesson (../SCRIPTS.md). */
((Etos) => {
"use strict";
const narrow = () => window.matchMedia("(max-width: 55em)").matches;
const $ = (selector) => document.querySelector(selector);

Etos.Navigation = class {
  constructor(onShow) {
    this.onShow = onShow;
    this.pages = [...document.querySelectorAll("main > .page")];
    this.toc = $(".toc details");
    this.returnBox = $(".return");
    this.courseTitle = document.title;
    if (narrow()) this.toc.open = false;
    this.terms = [...document.querySelectorAll(".lesson a.term, #start a.term")];
    this.terms.forEach((link) => link.setAttribute("aria-expanded", "false"));
    document.addEventListener("click", (event) => this.click(event));
  }

  click(event) {
    const control = event.target.closest("a[href^='#'], button[data-action]");
    if (this.terms.includes(control) && this.define(control)) return event.preventDefault();
    const action = control && control.dataset.action;
    if (action === "previous" || action === "next") {
      const page = this.pages[this.pages.indexOf(this.current) + (action === "next" ? 1 : -1)];
      if (page) this.show(page.id);
    }
    const back = action === "return" && this.returnTo;
    if (back) {
      this.show(back.page, { quiet: true });
      back.link.focus();
      this.onShow(this.current);
    }
    const target = control && control.hash && document.getElementById(decodeURIComponent(control.hash.slice(1)));
    const page = target && target.closest(".page");
    if (!page) return; // the skip link and the like
    event.preventDefault();
    const leaves = !action && page !== this.current && control.closest(".page") === this.current;
    if (control.closest(".toc") && narrow()) this.toc.open = false; // first, so the page below it moves up
    this.show(page.id, { target: target === page ? null : target, from: leaves && { page: this.current.id, link: control } });
  }

  /** Focus goes to the page's heading, or to the link's target if any. */
  show(id, { target = null, from = null, quiet = false } = {}) {
    const page = document.getElementById(id);
    const index = this.pages.indexOf(page);
    if (index < 0) return;
    const moved = page !== this.current;
    this.pages.forEach((p) => { p.hidden = p !== page; });
    this.current = page;
    this.returnTo = from;
    this.returnBox.hidden = !from;
    if (from) {
      this.returnBox.firstElementChild.textContent = Etos.t("back_to", { page: $(`#${from.page} h1`).textContent });
      // Inside a list item or definition, so that lists keep their structure.
      const spot = !target ? page.querySelector("h1") : (target.tagName === "DT" ? target.nextElementSibling : target);
      spot[["DD", "LI"].includes(spot.tagName) ? "append" : "after"](this.returnBox);
    }
    document.querySelectorAll(".toc a").forEach((link) => {
      if (link.dataset.page === id) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    $(".pager").hidden = index === 0;
    $(".pager [data-action=next]").hidden = index === this.pages.length - 1;
    const heading = page.querySelector("h1");
    document.title = index ? `${heading.textContent} – ${this.courseTitle}` : this.courseTitle;
    if (quiet) return;
    if (target) {
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.focus();
    } else {
      // Narrow or zoomed in, the contents sit above the page.
      heading.focus({ preventScroll: true });
      if (narrow()) page.scrollIntoView({ block: "start" });
      else window.scrollTo(0, 0);
    }
    if (moved) this.onShow(page);
  }

  /** A term's definition opens after it as text, so that no id is copied. */
  define(link) {
    const term = document.getElementById(link.hash.slice(1));
    if (!term) return false;
    let box = link.nextElementSibling;
    if (!box || !box.matches(".term-definition")) {
      box = Object.assign(document.createElement("span"), { className: "term-definition", id: `etos-term-${this.terms.indexOf(link)}` });
      box.append(`${term.textContent}: ${term.nextElementSibling.textContent} `,
        Object.assign(document.createElement("a"), { href: link.hash, textContent: Etos.t("glossary_more") }));
      link.after(box);
      link.setAttribute("aria-controls", box.id);
    }
    box.hidden = link.getAttribute("aria-expanded") === "true";
    link.setAttribute("aria-expanded", !box.hidden);
    return true;
  }

  /** The test's result in words, not as progress. */
  showProgress(progress) {
    const lessons = progress.data.lessons;
    const done = lessons.filter((lesson) => progress.done.has(lesson.id));
    lessons.forEach((lesson) => $(`.toc a[data-page="${lesson.page}"]`).classList.toggle("done", done.includes(lesson)));
    $("#progress").value = done.length;
    $("#progress-text").textContent = Etos.t("progress_text", { done: done.length, total: lessons.length });
    const testLink = $(".toc a[data-page=sluttest]");
    if (testLink && progress.test.passed !== null) {
      testLink.lastElementChild.textContent = ` ${Etos.t(progress.test.passed ? "toc_passed" : "toc_failed")}`;
    }
  }
};
})(window.Etos = window.Etos || {});
