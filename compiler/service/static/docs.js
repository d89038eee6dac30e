// The API page's Send buttons: fill the path parameters, POST the loan, show the status and the answer.
document.querySelectorAll("form.try").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = form.querySelector(".answer");
    let path = form.dataset.path;
    const query = new URLSearchParams();
    form.querySelectorAll("input[data-in]").forEach((input) => {
      if (input.dataset.in === "path") path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
      else if (input.value) query.set(input.name, input.value);
    });
    const url = path + (query.toString() ? "?" + query : "");
    out.textContent = "…";
    try {
      const response = await fetch(url, {method: form.dataset.method, headers: {"content-type": "application/json"},
                                         body: form.querySelector("textarea").value});
      out.textContent = response.status + " " + response.statusText + "\n" + await response.text();
    } catch (err) {
      out.textContent = String(err);
    }
  });
});
