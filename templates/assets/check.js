// sopgen knowledge check: scores answers in the browser. Offline, no network, works from file://.
// Each question locks at its first answer, then shows whether it was right, why, and where to read more.
(function () {
  "use strict";
  var form = document.querySelector("[data-check]");
  if (!form) { return; }
  var questions = form.querySelectorAll("[data-question]");
  var score = form.querySelector("[data-score]");
  var total = questions.length;
  var answered = 0;
  var right = 0;

  function update() {
    if (answered < total) {
      score.textContent = "Answered " + answered + " of " + total + ": " + right + " right.";
    } else {
      score.textContent = "Score: " + Math.round(100 * right / total) + " % (" + right + " of " + total + " right).";
    }
  }

  function answer(question, input) {
    if (question.hasAttribute("data-done")) { return; }
    question.setAttribute("data-done", "");
    var correct = input.hasAttribute("data-answer");
    answered += 1;
    if (correct) { right += 1; }
    question.classList.add(correct ? "is-right" : "is-wrong");
    var inputs = question.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i += 1) {
      inputs[i].disabled = true;
      if (inputs[i].hasAttribute("data-answer")) { inputs[i].parentNode.classList.add("answer"); }
    }
    input.parentNode.classList.add("chosen");
    question.querySelector("[data-verdict]").textContent = correct ? "Right." : "Not right.";
    question.querySelector("[data-feedback]").hidden = false;
    update();
  }

  for (var q = 0; q < questions.length; q += 1) {
    questions[q].addEventListener("change", function (event) {
      if (event.target && event.target.type === "radio") { answer(this, event.target); }
    });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
})();
