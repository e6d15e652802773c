/*
 * PasteWarden companion: background (Chromium service worker, Firefox event page).
 *
 * Holds the one native-messaging port to `pastewarden native-host`, which relays to the
 * PasteWarden tray on this computer. It registers the guard content script for exactly
 * the hosts the tray sends (until then, the built-in list in defaults.js), reports the
 * focused tab's address to the tray, and forwards the pages' checks. Nothing is stored:
 * no extension storage, no network, no analytics. Page text lives only in messages.
 * Fail closed: while the tray cannot be reached, every check is answered "unreachable".
 */
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
if (typeof importScripts === "function" && typeof PW_DEFAULT_HOSTS === "undefined") {
  importScripts("defaults.js"); // Chromium's service worker; Firefox lists it in the manifest
}
const HOST_NAME = "com.pastewarden.companion";
const SCRIPT_ID = "pastewarden-guard";
const RETRY_MS = 5000;
const CHECK_TIMEOUT_MS = 150000; // the tray's dialog closes as Cancel after 120 s

let port = null;
let trayUp = false;
let nextId = 1;
let lastUrl = null; // memory only
let guardedHosts = null;
const waiting = new Map(); // request id -> sendResponse

function browserName() {
  if (typeof browser !== "undefined" && api.runtime.getBrowserInfo) return "firefox";
  const brands = (navigator.userAgentData?.brands ?? []).map((b) => b.brand);
  if (brands.includes("Microsoft Edge")) return "edge";
  if (brands.includes("Google Chrome")) return "chrome";
  return "chromium";
}

function showState(up) {
  // the toolbar button says when pages cannot be checked (and so are blocked)
  api.action.setBadgeText({ text: up ? "" : "off" }).catch(() => {});
  api.action.setBadgeBackgroundColor({ color: "#7a1f1f" }).catch(() => {});
  api.action
    .setTitle({ title: up ? "PasteWarden: protecting" : "PasteWarden: the app is not reachable" })
    .catch(() => {});
}

function connect() {
  try {
    port = api.runtime.connectNative(HOST_NAME);
  } catch (error) {
    port = null;
    setTimeout(connect, RETRY_MS);
    return;
  }
  port.onMessage.addListener(onHostMessage);
  port.onDisconnect.addListener(() => {
    port = null;
    trayUp = false;
    showState(false);
    failAll();
    setTimeout(connect, RETRY_MS);
  });
  const version = api.runtime.getManifest().version;
  port.postMessage({ type: "hello", browser: browserName(), version });
}

function onHostMessage(message) {
  if (message.type === "config") {
    trayUp = true;
    showState(true);
    applyConfig(message.hosts);
    lastUrl = null;
    reportFocusedTab();
  } else if (message.type === "tray") {
    trayUp = false; // when it comes back the host repeats hello and a config follows
    showState(false);
    if (!message.connected) failAll();
  } else if (message.type === "verdict" || (message.type === "error" && message.id != null)) {
    const reply = waiting.get(message.id);
    if (!reply) return;
    waiting.delete(message.id);
    reply(message.type === "verdict" ? message : { verdict: "unreachable" });
  }
}

function failAll() {
  for (const reply of waiting.values()) reply({ verdict: "unreachable" });
  waiting.clear();
}

function patternsFor(hosts) {
  const patterns = [];
  for (const host of hosts) {
    for (const scheme of ["https", "http"]) {
      patterns.push(`${scheme}://${host}/*`, `${scheme}://*.${host}/*`);
    }
  }
  return patterns;
}

let applying = Promise.resolve();

function applyConfig(hosts) {
  // one registration at a time: a second one racing the first would fail on the id
  applying = applying.then(() => register(hosts)).catch(() => {});
}

async function register(hosts) {
  if (!Array.isArray(hosts)) return;
  const key = JSON.stringify(hosts);
  if (key === guardedHosts) return;
  guardedHosts = key;
  const matches = patternsFor(hosts);
  try {
    await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  } catch (error) {
    // nothing registered yet
  }
  if (!matches.length) return;
  await api.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: ["content.js"], runAt: "document_start", allFrames: true },
  ]);
  // Pages opened before the registration get the guard now.
  const tabs = await api.tabs.query({ url: matches });
  for (const tab of tabs) {
    api.scripting
      .executeScript({ target: { tabId: tab.id, allFrames: true }, files: ["content.js"] })
      .catch(() => {});
  }
}

async function reportFocusedTab() {
  if (!port || !trayUp) return;
  let tabs = [];
  try {
    tabs = await api.tabs.query({ active: true, lastFocusedWindow: true });
  } catch (error) {
    return;
  }
  const url = pageAddress(tabs[0]?.url ?? "");
  if (url && url !== lastUrl && port) {
    lastUrl = url;
    port.postMessage({ type: "url", url });
  }
}

function pageAddress(url) {
  // scheme, host and path are all the tray matches on: no query, no fragment
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch (error) {
    return "";
  }
}

function onPageMessage(message, sender, sendResponse) {
  if (!message || (message.type !== "check" && message.type !== "file")) return false;
  if (!port || !trayUp) {
    sendResponse({ verdict: "unreachable" });
    return false;
  }
  const id = nextId++;
  waiting.set(id, sendResponse);
  setTimeout(() => {
    if (waiting.delete(id)) sendResponse({ verdict: "unreachable" });
  }, CHECK_TIMEOUT_MS);
  const url = pageAddress(sender.tab?.url ?? sender.url ?? "");
  port.postMessage({ ...message, id, url });
  return true; // the answer comes later
}

api.runtime.onMessage.addListener(onPageMessage);
api.tabs.onActivated.addListener(reportFocusedTab);
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) reportFocusedTab();
});
api.windows.onFocusChanged.addListener(reportFocusedTab);
applyConfig(globalThis.PW_DEFAULT_HOSTS ?? []);
showState(false);
connect();
