// The ops-room status page: polls /api/sla/status every few seconds (no reload), the provider scorecard every minute,
// and counts the at-risk clocks down between polls while their calendar is open. The viewer token is asked once and
// kept in this tab's session storage.
(function () {
  "use strict";

  const TOKEN_KEY = "siam-sla-token";
  const STATUS_EVERY_MS = 3000;
  const SCORECARD_EVERY_MS = 60000;
  const STALE_AFTER_MS = 15000;

  let lastStatus = null;
  let lastStatusAt = 0;
  let statusTimer = null;
  let scorecardTimer = null;

  const $ = (id) => document.getElementById(id);

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function askForToken(message) {
    clearInterval(statusTimer);
    clearInterval(scorecardTimer);
    $("board").hidden = true;
    $("login").hidden = false;
    $("login-error").hidden = !message;
    $("login-error").textContent = message || "";
    $("token").focus();
  }

  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
    if (!value) {
      askForToken("A token is needed to read the SLA status.");
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    $("token").value = "";
    start();
  });

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + token(), Accept: "application/json" } });
    if (response.status === 401 || response.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      let detail = "";
      try { detail = (await response.json()).detail || ""; } catch (ignored) { /* not JSON */ }
      const error = new Error("unauthorized");
      error.auth = (response.status === 401 ? "The token was refused: " : "The token lacks the siam-viewer role: ") + detail;
      throw error;
    }
    if (!response.ok) {
      throw new Error(path + " answered " + response.status);
    }
    return response.json();
  }

  // ISO-8601 durations as Java writes them: PT1H2M3.5S, PT-5M, PT0S
  function seconds(iso) {
    if (!iso) return null;
    const match = /^(-)?PT(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?$/.exec(iso);
    if (!match) return null;
    const sign = match[1] ? -1 : 1;
    return sign * ((+match[2] || 0) * 3600 + (+match[3] || 0) * 60 + (+match[4] || 0));
  }

  function clockText(totalSeconds) {
    if (totalSeconds === null || totalSeconds === undefined) return "–";
    const negative = totalSeconds < 0;
    let s = Math.floor(Math.abs(totalSeconds));
    const days = Math.floor(s / 86400); s -= days * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const hms = (days > 0 ? days + "d " : "") + String(h).padStart(2, "0") + ":" + String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
    return (negative ? "−" : "") + hms;
  }

  function shortDuration(iso) {
    const s = seconds(iso);
    if (s === null) return "–";
    if (s < 3600) return Math.round(s / 60) + " min";
    if (s < 86400) return (s / 3600).toFixed(1) + " h";
    return (s / 86400).toFixed(1) + " d";
  }

  function localTime(instant) {
    return instant ? new Date(instant).toLocaleString([], { weekday: "short", hour: "2-digit", minute: "2-digit" }) : "–";
  }

  function cell(row, content, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
    return td;
  }

  function incidentCell(row, item) {
    const wrap = document.createElement("div");
    const number = document.createElement("span");
    number.className = "number";
    number.textContent = (item.incidentNumber || item.incidentId.slice(0, 8)) + " " + (item.priority || "");
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = item.title || "";
    wrap.append(number, title);
    cell(row, wrap);
  }

  function agreement(item) {
    return item.definitionName + " · " + item.type + " " + item.party;
  }

  function renderServices(services) {
    const tiles = $("services");
    tiles.replaceChildren();
    const words = { GREEN: "✔ OK", AT_RISK: "▲ AT RISK", BREACHED: "✖ BREACHED" };
    for (const service of services) {
      const tile = document.createElement("div");
      tile.className = "tile";
      tile.dataset.state = service.state;
      tile.dataset.service = service.service;
      const name = document.createElement("div"); name.className = "name"; name.textContent = service.service;
      const state = document.createElement("div"); state.className = "state"; state.textContent = words[service.state] || service.state;
      const counts = document.createElement("div"); counts.className = "counts";
      counts.textContent = service.running + " running · " + service.atRisk + " at risk · " + service.breached + " breached";
      tile.append(name, state, counts);
      tiles.appendChild(tile);
    }
  }

  function renderAtRisk(items) {
    const body = $("at-risk").tBodies[0];
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      row.dataset.incident = item.incidentId;
      row.dataset.clock = item.clockId;
      incidentCell(row, item);
      cell(row, agreement(item));
      cell(row, "▲ " + item.stage + " %", "stage");
      const countdown = document.createElement("span");
      countdown.className = "countdown" + (item.ticking ? "" : " paused");
      countdown.dataset.remaining = String(seconds(item.remaining));
      countdown.dataset.ticking = String(item.ticking);
      countdown.title = "due " + localTime(item.dueAt) + (item.ticking ? "" : " (not counting now: paused or outside business hours)");
      cell(row, countdown, "num");
      body.appendChild(row);
    }
    $("at-risk-empty").hidden = items.length > 0;
    tick();
  }

  function renderBreaches(items) {
    const body = $("breaches").tBodies[0];
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      row.dataset.incident = item.incidentId;
      incidentCell(row, item);
      cell(row, agreement(item));
      cell(row, "✖ " + localTime(item.breachedAt), "breach-text");
      cell(row, item.state === "RUNNING" || item.state === "PAUSED" ? "open, " + shortDuration(item.remaining).replace("-", "") + " over" : item.state.toLowerCase());
      body.appendChild(row);
    }
    $("breaches-empty").hidden = items.length > 0;
  }

  function renderStatus(status) {
    $("total-running").textContent = status.running;
    $("total-at-risk").textContent = status.atRiskCount;
    $("total-breached").textContent = status.breachedOpenCount;
    $("total-met-today").textContent = status.metToday;
    $("total-breached-today").textContent = status.breachedToday;
    renderServices(status.services);
    renderAtRisk(status.atRisk);
    renderBreaches(status.breachesToday);
    $("updated").textContent = "updated " + new Date(status.asOf).toLocaleTimeString() + " (" + status.timeZone + " days)";
  }

  function renderScorecard(report) {
    const body = $("scorecard").tBodies[0];
    body.replaceChildren();
    for (const row of report.rows) {
      const tr = document.createElement("tr");
      tr.dataset.provider = row.group;
      cell(tr, row.group);
      cell(tr, row.compliancePercent === null || row.compliancePercent === undefined ? "–" : row.compliancePercent.toFixed(1) + " %", "num");
      cell(tr, row.met, "num");
      cell(tr, row.breached, "num");
      cell(tr, shortDuration(row.mttaWall), "num");
      cell(tr, shortDuration(row.mttrWall), "num");
      cell(tr, row.hopsPerIncident === null || row.hopsPerIncident === undefined ? "–" : row.hopsPerIncident.toFixed(2), "num");
      body.appendChild(tr);
    }
    $("scorecard-empty").hidden = report.rows.length > 0;
  }

  // between polls, the countdowns of clocks whose calendar is open move with the wall clock
  function tick() {
    $("now").textContent = new Date().toLocaleTimeString();
    const since = lastStatusAt ? (Date.now() - lastStatusAt) / 1000 : 0;
    for (const countdown of document.querySelectorAll(".countdown")) {
      const remaining = Number(countdown.dataset.remaining);
      const ticking = countdown.dataset.ticking === "true";
      countdown.textContent = clockText(ticking ? remaining - since : remaining);
    }
    const connection = $("connection");
    if (lastStatusAt && Date.now() - lastStatusAt > STALE_AFTER_MS) {
      connection.dataset.state = "stale";
      connection.textContent = "✖ no update since " + new Date(lastStatusAt).toLocaleTimeString();
    }
  }

  async function pollStatus() {
    try {
      const status = await api("api/sla/status");
      lastStatus = status;
      lastStatusAt = Date.now();
      $("connection").dataset.state = "live";
      $("connection").textContent = "● live";
      renderStatus(status);
    } catch (error) {
      if (error.auth) {
        askForToken(error.auth);
      } else {
        $("connection").dataset.state = "stale";
        $("connection").textContent = "✖ " + error.message;
      }
    }
  }

  async function pollScorecard() {
    try {
      renderScorecard(await api("api/sla/reports?groupBy=provider"));
    } catch (error) {
      if (error.auth) askForToken(error.auth);
    }
  }

  function start() {
    $("login").hidden = true;
    $("board").hidden = false;
    pollStatus();
    pollScorecard();
    clearInterval(statusTimer);
    clearInterval(scorecardTimer);
    statusTimer = setInterval(pollStatus, STATUS_EVERY_MS);
    scorecardTimer = setInterval(pollScorecard, SCORECARD_EVERY_MS);
  }

  setInterval(tick, 1000);
  if (token()) start(); else askForToken();
  window.siamStatus = { last: () => lastStatus };
})();
