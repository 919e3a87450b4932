/* Starts the player and ties pages, questions and test to the tracking (../SCRIPTS.md). */
document.addEventListener("DOMContentLoaded", () => {
"use strict";
const Etos = window.Etos;
const data = Etos.data();

/** The adapter for <html data-standard>, never a URL parameter: the LMS's, else this browser's. */
function connect(standard) {
  const dialect = (Etos.dialects || {})[standard];
  if (dialect && dialect.connect) return dialect.connect(data.id); // cmi5: a launch of its own
  const api = dialect && Etos.findApi(dialect.apiName);
  if (api) return new Etos.LmsAdapter(api, dialect);
  if (dialect) console.warn("Etos: no SCORM API found; progress is kept in this browser.");
  return new Etos.LocalAdapter(data.id);
}

const progress = new Etos.Progress(data);
const tracker = new Etos.Tracker(connect(document.documentElement.dataset.standard), progress);
const saved = tracker.start();
const lessonOfPage = new Map(data.lessons.map((lesson) => [lesson.page, lesson]));
const testPage = document.getElementById("sluttest");
const pager = document.querySelector(".pager");
let screens = null;

const changed = () => {
  progress.settle();
  tracker.update();
  nav.showProgress(progress);
};
const reached = () => {
  const lesson = nav.current && lessonOfPage.get(nav.current.id);
  if (lesson && !progress.reached.has(lesson.id)) {
    progress.reached.add(lesson.id);
    changed();
  }
};
const end = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && reached());
pager.addEventListener("focusin", reached);

const nav = new Etos.Navigation((page) => {
  end.disconnect();
  end.observe(pager); // afresh: a short lesson reports its end at once
  screens.shown(page);
  nav.showProgress(progress);
  if (page.id !== "start") tracker.moved(page.id); // the start page is no place to resume at
});
if (testPage && data.test) new Etos.FinalTest(testPage, progress, tracker, changed); // it keeps to its page
Etos.setUpQuestions(progress, changed);
screens = new Etos.Screens(progress, tracker, nav);
nav.showProgress(progress);
nav.show("start", { quiet: true });
screens.welcome(saved.location);
document.documentElement.dataset.player = "ready";
});
