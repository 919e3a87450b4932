/* Starts the player: connects to the LMS (or the browser's storage), restores progress and ties
   pages, questions and test to the tracking. */
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const Etos = window.Etos;
  const data = JSON.parse(document.getElementById("etos-data").textContent);
  const progress = new Etos.Progress(data);
  const tracker = new Etos.Tracker(Etos.connect(document.documentElement.dataset.standard, data.id), progress);
  const saved = tracker.start();
  const lessonOfPage = new Map(data.lessons.map((lesson) => [lesson.page, lesson]));
  const testPage = document.getElementById("sluttest");
  let test = null;

  const nav = new Etos.Navigation((page) => {
    const lesson = lessonOfPage.get(page.id);
    if (lesson) progress.see(lesson.id);
    if (test && page === testPage) test.shown();
    nav.showProgress(progress);
    if (page.id !== "start") tracker.moved(page.id); // the start page is no place to resume at
  });
  const changed = () => {
    tracker.update();
    nav.showProgress(progress);
  };
  if (testPage && data.test) test = new Etos.FinalTest(testPage, progress, tracker, changed);
  Etos.setUpQuestions(progress, changed);
  nav.showProgress(progress);
  nav.show("start", { quiet: true });

  const resume = document.querySelector("[data-action=resume]");
  const bookmark = document.getElementById(saved.location);
  if (bookmark && bookmark.classList.contains("page") && bookmark.id !== "start") {
    resume.hidden = false;
    document.querySelector("[data-action=start]").classList.remove("primary");
    resume.addEventListener("click", () => nav.show(bookmark.id));
  }
  document.documentElement.dataset.player = "ready";
  performance.mark("etos-ready");
});
