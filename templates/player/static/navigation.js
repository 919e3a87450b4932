/* One page at a time: the start page, the lessons, the final test and the glossary. In-page links
   (contents, cross-references, glossary terms, footnotes) open the page that holds their target; a
   link that leads out of a lesson leaves a button to go back to it. Focus follows the learner. */
((Etos) => {
  "use strict";
  const NARROW = "(max-width: 55em)";

  Etos.Navigation = class {
    constructor(onShow) {
      this.onShow = onShow;
      this.pages = [...document.querySelectorAll("main > .page")];
      this.current = null;
      this.toc = document.querySelector(".toc details");
      this.pager = document.querySelector(".pager");
      this.returnBox = document.querySelector(".return");
      this.returnTo = null;
      this.courseTitle = document.title;
      if (this.toc && window.matchMedia(NARROW).matches) this.toc.open = false;
      document.addEventListener("click", (event) => this.click(event));
    }

    click(event) {
      const control = event.target.closest("a[href^='#'], button[data-action]");
      if (!control) return;
      const action = control.dataset.action;
      if (action === "previous" || action === "next") this.step(action === "next" ? 1 : -1);
      if (action === "return") this.goBack();
      if (control.tagName !== "A") return;
      const target = document.getElementById(decodeURIComponent(control.hash.slice(1)));
      const page = target && target.closest(".page");
      if (!page) return; // the skip link and the like: the browser knows what to do
      event.preventDefault();
      const leavesLesson = !action && page !== this.current && control.closest(".page") === this.current;
      this.show(page.id, {
        target: target === page ? null : target,
        from: leavesLesson ? { page: this.current.id, link: control } : null
      });
      if (control.closest(".toc") && window.matchMedia(NARROW).matches) this.toc.open = false;
    }

    /** Shows a page; focus goes to its heading, or to the link's target when there is one. */
    show(id, { target = null, from = null, quiet = false } = {}) {
      const page = document.getElementById(id);
      if (!page || !this.pages.includes(page)) return false;
      const moved = page !== this.current;
      this.pages.forEach((p) => { p.hidden = p !== page; });
      this.current = page;
      this.placeReturn(target, from);
      document.querySelectorAll(".toc a").forEach((link) => {
        if (link.dataset.page === id) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      });
      const index = this.pages.indexOf(page);
      this.pager.hidden = index === 0;
      this.pager.querySelector("[data-action=next]").hidden = index === this.pages.length - 1;
      const heading = page.querySelector("h1");
      document.title = index === 0 ? this.courseTitle : `${heading.textContent} – ${this.courseTitle}`;
      if (quiet) return true;
      if (target) {
        if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
        target.focus();
      } else {
        window.scrollTo(0, 0);
        heading.focus();
      }
      if (moved) this.onShow(page);
      return true;
    }

    step(delta) {
      const page = this.pages[this.pages.indexOf(this.current) + delta];
      if (page) this.show(page.id);
    }

    placeReturn(target, from) {
      this.returnTo = from;
      this.returnBox.hidden = !from;
      if (!from) return;
      const title = document.getElementById(from.page).querySelector("h1").textContent;
      this.returnBox.querySelector("button").textContent = `Tillbaka till ${title}`;
      // Inside a definition or list item, so lists keep their structure; after anything else.
      const spot = target && target.tagName === "DT" ? target.nextElementSibling : target;
      if (!spot) this.current.append(this.returnBox);
      else if (["DD", "LI"].includes(spot.tagName)) spot.append(this.returnBox);
      else spot.after(this.returnBox);
    }

    goBack() {
      const back = this.returnTo;
      if (!back) return;
      this.show(back.page, { quiet: true });
      back.link.focus();
      this.onShow(this.current);
    }

    /** Lessons done in the contents, the progress bar and the test's result. */
    showProgress(progress) {
      const lessons = progress.data.lessons;
      lessons.forEach((lesson) => {
        const link = document.querySelector(`.toc a[data-page="${lesson.page}"]`);
        if (link) link.classList.toggle("done", progress.seen.has(lesson.id));
      });
      const done = lessons.filter((lesson) => progress.seen.has(lesson.id)).length;
      document.getElementById("progress").value = done;
      document.getElementById("progress-text").textContent = `${done} av ${lessons.length} lektioner klara`;
      const testLink = document.querySelector(".toc a[data-page=sluttest]");
      if (testLink && progress.test.passed !== null) {
        testLink.classList.add("done");
        testLink.querySelector(".done-text").textContent = progress.test.passed ? " (godkänd)" : " (inte godkänd)";
      }
    }
  };
})(window.Etos = window.Etos || {});
