/* The search page (search/): Pagefind's index, read in small parts as a query needs them.
 *
 * Loaded by main.html on the search page only, as a module. Everything comes from the site itself:
 * ../../pagefind/ is the bundle Pagefind wrote beside the pages (generator/site/search.py). The words
 * are kept in the address (?q=…), so a search can be shared, and Back returns to it. Results are an
 * ordered list of links; a status line (role="status") says how many were found, for screen readers
 * too; the filters are ordinary labelled lists (type, theme, year, locality). A large site's index comes
 * in parts (pagefind/parts.json lists the others' folders): they are merged into one search here. The
 * filters' values and counts come from pagefind/filters.json. */
const BUNDLE = new URL("../../pagefind/", import.meta.url);
const SITE_ROOT = new URL("../../", import.meta.url).pathname;
const PAGE_SIZE = 5;
const FILTERS = [["type", "Type"], ["theme", "Theme"], ["year", "Year"], ["locality", "Locality"]];

const form = document.querySelector("[data-sl-search-form]");
const input = document.getElementById("sl-search-words");
const status = document.querySelector("[data-sl-search-status]");
const list = document.querySelector("[data-sl-search-results]");
const more = document.querySelector("[data-sl-search-more]");
const filterBox = document.querySelector("[data-sl-search-filters]");
const selects = {};
let pagefind = null;
let results = [];
let shown = 0;
let run = 0;

function text(tag, className, words) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (words) element.textContent = words;
  return element;
}

function chosenFilters() {
  const chosen = {};
  for (const [name] of FILTERS) {
    if (selects[name] && selects[name].value) chosen[name] = selects[name].value;
  }
  return chosen;
}

function remember(words) {
  const address = new URL(window.location.href);
  if (words) address.searchParams.set("q", words); else address.searchParams.delete("q");
  for (const [name] of FILTERS) {
    const value = selects[name] && selects[name].value;
    if (value) address.searchParams.set(name, value); else address.searchParams.delete(name);
  }
  window.history.replaceState(null, "", address);
}

async function showMore() {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const datas = await Promise.all(batch.map((result) => result.data()));
  for (const data of datas) {
    const item = text("li", "sl-search-result");
    const link = text("a", "sl-search-result__link", data.meta.title || data.url);
    link.href = data.url;
    const title = text("h2", "sl-search-result__title");
    title.appendChild(link);
    item.appendChild(title);
    const facts = [data.meta.type, ...(data.filters.year || []), ...(data.filters.locality || [])].filter(Boolean);
    if (facts.length) item.appendChild(text("p", "sl-meta", facts.join(" · ")));
    const excerpt = text("p", "sl-search-result__excerpt");
    excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt of our own page: the page's text, escaped, with <mark>
    item.appendChild(excerpt);
    list.appendChild(item);
  }
  shown += batch.length;
  more.hidden = shown >= results.length;
}

async function search() {
  const words = input.value.trim();
  const filters = chosenFilters();
  remember(words);
  const mine = ++run;
  if (!words && !Object.keys(filters).length) {
    list.replaceChildren();
    results = [];
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  const found = await pagefind.search(words || null, { filters });
  if (mine !== run) return;  // a later search has started: its results are the ones to show
  results = found.results;
  shown = 0;
  list.replaceChildren();
  await showMore();
  const what = words ? `for “${words}”` : "";
  const only = Object.values(filters).join(", ");
  const n = results.length;
  status.textContent = `${n === 0 ? "No" : n} result${n === 1 ? "" : "s"} ${what}${only ? ` (only ${only})` : ""}.`;
}

function addFilters(available, address) {
  let any = false;
  for (const [name, label] of FILTERS) {
    const counts = available[name];
    if (!counts || !Object.keys(counts).length) continue;
    const id = `sl-search-filter-${name}`;
    const row = text("div", "sl-search-filter");
    const caption = text("label", "", label);
    caption.htmlFor = id;
    const select = text("select");
    select.id = id;
    select.name = name;
    select.appendChild(new Option("Any", ""));
    const values = Object.keys(counts).sort((a, b) => (name === "year" ? b.localeCompare(a) : a.localeCompare(b)));
    for (const value of values) select.appendChild(new Option(`${value} (${counts[value]})`, value));
    const wanted = address.searchParams.get(name);
    if (wanted && values.includes(wanted)) select.value = wanted;
    select.addEventListener("change", search);
    row.append(caption, select);
    filterBox.appendChild(row);
    selects[name] = select;
    any = true;
  }
  filterBox.hidden = !any;
}

async function bundled(name, otherwise) {
  try {
    const response = await fetch(new URL(name, BUNDLE));
    return response.ok ? await response.json() : otherwise;
  } catch (error) {
    return otherwise;
  }
}

async function start() {
  // the other parts of the index, and the filters' values with their counts (written by the build: Pagefind
  // would fetch every filter file of every part for them)
  const [loaded, parts, counts] = await Promise.all([
    import(new URL("pagefind.js", BUNDLE).href), bundled("parts.json", []), bundled("filters.json", null)]);
  pagefind = loaded;
  const options = { baseUrl: SITE_ROOT, excerptLength: 24 };
  await pagefind.options({ bundlePath: BUNDLE.pathname, ...options });
  await pagefind.init();
  await Promise.all(parts.map((folder) => pagefind.mergeIndex(new URL(folder, BUNDLE).pathname, { ...options })));
  const address = new URL(window.location.href);
  addFilters(counts || await pagefind.filters(), address);
  input.value = address.searchParams.get("q") || "";
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    showMore().then(() => {
      const next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();  // keyboard users land on the first new result
    });
  });
  if (input.value || Object.keys(chosenFilters()).length) await search(); else input.focus();
  document.documentElement.dataset.slSearch = "ready";
}

start().catch(() => {
  const preview = [...document.scripts].some((script) => /livereload/.test(script.textContent));
  status.textContent = preview
    ? "The preview has no search index: search works on the site a full build makes (make site)."
    : "Search could not start in this browser. Browse the themes A–Z instead.";
});
