/*
 * PasteWarden companion: the guard on AI sites the policy does not allow for PHI.
 *
 * Catches paste, drop and send (Enter without Shift in an editable field, or a form
 * submit) in the capture phase, before the page sees them, and asks the PasteWarden
 * tray through the background. Then: allow inserts what the user pasted, replace inserts
 * the de-identified copy, cancel inserts nothing. If the tray cannot be reached, nothing
 * is inserted or sent and a notice says why (fail closed). Generic: no site's DOM is
 * assumed beyond editable fields (textarea, text inputs, contenteditable).
 * Nothing is stored; the text lives only in this event's messages.
 */
(() => {
  "use strict";
  if (globalThis.__pastewardenGuard) return;
  globalThis.__pastewardenGuard = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const TIMEOUT_MS = 150000;
  const MAX_CHARS = 2000000; // the native host accepts 8 MiB; UTF-8 can take 4 bytes a char
  const ours = new WeakSet(); // events we re-dispatch after an allow
  let approvedForm = null;
  const NOTICES = {
    unreachable:
      "PasteWarden blocked this: the PasteWarden app on this computer is not running or " +
      "cannot be reached, so the content could not be checked. Start PasteWarden and try again.",
    cancel: "PasteWarden held this back: it may contain patient information.",
    too_large: "PasteWarden held this back: it is too large to check here (over 2 million characters).",
  };

  function ask(message) {
    if ((message.text?.length ?? 0) > MAX_CHARS) {
      return Promise.resolve({ verdict: "cancel", notice: NOTICES.too_large });
    }
    return new Promise((resolve) => {
      let done = false;
      const finish = (reply) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(reply && typeof reply.verdict === "string" ? reply : { verdict: "unreachable" });
      };
      const timer = setTimeout(() => finish(null), TIMEOUT_MS);
      try {
        api.runtime.sendMessage(message, (reply) => {
          void api.runtime.lastError; // read it, or Chromium logs it as unchecked
          finish(reply);
        });
      } catch (error) {
        finish(null); // the extension was reloaded or removed: fail closed
      }
    });
  }

  function notice(text) {
    const host = document.createElement("div");
    const root = host.attachShadow({ mode: "open" });
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.textContent = text;
    box.style.cssText =
      "position:fixed;z-index:2147483647;left:50%;top:16px;transform:translateX(-50%);" +
      "max-width:40em;padding:12px 16px;border-radius:6px;background:#7a1f1f;color:#fff;" +
      "font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.4)";
    root.appendChild(box);
    host.dataset.pastewardenNotice = "";
    (document.body ?? document.documentElement).appendChild(host);
    setTimeout(() => host.remove(), 10000);
  }

  function explain(reply) {
    notice(reply.notice || NOTICES[reply.verdict] || NOTICES.cancel);
  }

  function editable(node) {
    let el = node instanceof Element ? node : node?.parentElement;
    if (!el) return null;
    if (el instanceof HTMLTextAreaElement) return el;
    if (el instanceof HTMLInputElement && /^(text|search|email|url|tel|)$/.test(el.type)) return el;
    el = el.closest?.("[contenteditable]:not([contenteditable='false'])");
    return el && el.isContentEditable ? el : null;
  }

  function fieldText(field) {
    return "value" in field ? field.value : field.innerText;
  }

  function saveSelection() {
    const sel = document.getSelection();
    return sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
  }

  function insert(field, range, text) {
    if (!field) return;
    field.focus();
    if (range && !("value" in field)) {
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    // insertText fires beforeinput/input like typing, so editors (React, ProseMirror) see it
    if (document.execCommand("insertText", false, text)) return;
    // refused (e.g. the window is not focused after the tray's dialog): insert directly
    if ("value" in field) {
      field.setRangeText(text, field.selectionStart, field.selectionEnd, "end");
    } else {
      const at = range ?? caretAtEnd(field);
      at.deleteContents();
      const node = document.createTextNode(text);
      at.insertNode(node);
      document.getSelection().collapse(node, text.length);
    }
    field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
  }

  function caretAtEnd(field) {
    const range = document.createRange();
    range.selectNodeContents(field);
    range.collapse(false);
    return range;
  }

  function textOf(data) {
    let text = data.getData("text/plain");
    if (!text) {
      const html = data.getData("text/html");
      if (html) text = new DOMParser().parseFromString(html, "text/html").body.textContent || "";
    }
    return text;
  }

  function hold(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  async function checkFiles(kind, count) {
    const reply = await ask({ type: "file", kind, count });
    if (reply.verdict !== "allow") explain(reply);
    return reply.verdict === "allow";
  }

  function copyTransfer(data) {
    const copy = new DataTransfer();
    for (const file of data.files) copy.items.add(file);
    for (const type of data.types) if (type !== "Files") copy.setData(type, data.getData(type));
    return copy;
  }

  async function onPaste(event) {
    if (!event.isTrusted || ours.has(event) || !event.clipboardData) return;
    const data = event.clipboardData;
    const files = data.files ? data.files.length : 0;
    const text = textOf(data);
    if (!text && !files) return;
    hold(event);
    const target = event.target;
    const field = editable(target);
    const range = saveSelection();
    if (files) {
      const copy = copyTransfer(data);
      if (!(await checkFiles("attach", files))) return;
      if (text && !(await checkText("paste", text, field, range))) return;
      const again = new ClipboardEvent("paste", { clipboardData: copy, bubbles: true, cancelable: true });
      ours.add(again);
      target.dispatchEvent(again);
      return;
    }
    await checkText("paste", text, field, range);
  }

  async function checkText(kind, text, field, range) {
    const reply = await ask({ type: "check", kind, text });
    if (reply.verdict === "allow") {
      insert(field, range, text);
      return true;
    }
    if (reply.verdict === "replace" && typeof reply.text === "string") {
      insert(field, range, reply.text);
      return false;
    }
    explain(reply);
    return false;
  }

  async function onDrop(event) {
    if (!event.isTrusted || ours.has(event) || !event.dataTransfer) return;
    const data = event.dataTransfer;
    const files = data.files ? data.files.length : 0;
    const text = files ? "" : textOf(data);
    if (!text && !files) return;
    hold(event);
    const target = event.target;
    if (files) {
      const copy = copyTransfer(data);
      if (!(await checkFiles("drop", files))) return;
      const init = { dataTransfer: copy, bubbles: true, cancelable: true };
      const again = new DragEvent("drop", { ...init, clientX: event.clientX, clientY: event.clientY });
      ours.add(again);
      target.dispatchEvent(again);
      return;
    }
    const field = editable(target);
    const range = field && !("value" in field) ? rangeAt(event.clientX, event.clientY) : null;
    await checkText("drop", text, field, range);
  }

  function rangeAt(x, y) {
    if (document.caretRangeFromPoint) return document.caretRangeFromPoint(x, y); // Chromium
    const spot = document.caretPositionFromPoint?.(x, y); // Firefox
    if (!spot) return null;
    const range = document.createRange();
    range.setStart(spot.offsetNode, spot.offset);
    return range;
  }

  async function onKeydown(event) {
    if (!event.isTrusted || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    const field = editable(event.target);
    if (!field) return;
    const text = fieldText(field);
    if (!text.trim()) return;
    hold(event);
    const reply = await ask({ type: "check", kind: "send", text });
    if (reply.verdict === "allow") {
      resend(field, event);
    } else if (reply.verdict === "replace" && typeof reply.text === "string") {
      replaceAll(field, reply.text);
      notice("PasteWarden replaced the text with a de-identified copy. Check it, then send.");
    } else {
      explain(reply);
    }
  }

  function resend(field, original) {
    const init = {
      key: "Enter", code: "Enter", keyCode: 13, which: 13, bubbles: true, cancelable: true,
      composed: true, ctrlKey: original.ctrlKey, metaKey: original.metaKey, altKey: original.altKey,
    };
    const again = new KeyboardEvent("keydown", init);
    if (!field.dispatchEvent(again)) return; // the page handled it (e.g. sent the prompt)
    // Nobody took it: do what Enter does by default, which a synthetic event cannot.
    if (field instanceof HTMLInputElement) {
      if (field.form) {
        approvedForm = field.form;
        field.form.requestSubmit();
      }
    } else if (field instanceof HTMLTextAreaElement) {
      document.execCommand("insertText", false, "\n");
    } else {
      document.execCommand("insertParagraph");
    }
  }

  function replaceAll(field, text) {
    field.focus();
    if ("value" in field) field.select();
    else document.getSelection().selectAllChildren(field);
    insert(field, null, text);
  }

  async function onSubmit(event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (approvedForm === form) {
      approvedForm = null;
      return;
    }
    const fields = [...form.querySelectorAll("textarea, input")].filter((f) => editable(f));
    const text = fields.map((f) => f.value).join("\n");
    if (!text.trim()) return;
    hold(event);
    const reply = await ask({ type: "check", kind: "send", text });
    if (reply.verdict === "allow") {
      approvedForm = form;
      form.requestSubmit(event.submitter ?? undefined);
    } else {
      explain(reply);
    }
  }

  window.addEventListener("paste", onPaste, true);
  window.addEventListener("drop", onDrop, true);
  window.addEventListener("keydown", onKeydown, true);
  window.addEventListener("submit", onSubmit, true);
})();
