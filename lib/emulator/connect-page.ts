/** The emulated Finch Connect page: self-contained HTML, CSS and vanilla JS (no network, strict CSP). */
import type { AssistedScenario, AuthMethod } from "./records";

export const ASSISTED_ADMIN_EMAIL = "assisted-connect@tryfinch.com";

export interface ConnectPageProvider {
  id: string;
  name: string;
  color: string;
  initials: string;
  methods: AuthMethod[];
  adminPath: string | null;
  /** The employer's legal entities in this provider; empty for single-entity providers. */
  entities: { sourceId: string; name: string }[];
}

export type ConnectPageModel =
  | { kind: "error"; title: string; message: string }
  | {
      kind: "ready";
      sessionId: string;
      customerName: string;
      products: string[];
      providers: ConnectPageProvider[];
      preselected: string | null;
      reauth: boolean;
      /** Re-auth: source ids of entities already on the connection (they cannot be removed). */
      connectedEntities: string[];
      defaultScenario: AssistedScenario;
      assistedEmail: string;
    };

function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLES = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;background:rgba(15,23,42,.55)}
.overlay{min-height:100%;display:flex;align-items:center;justify-content:center;padding:24px}
.modal{position:relative;width:100%;max-width:420px;min-height:560px;background:#fff;border-radius:16px;box-shadow:0 24px 64px rgba(15,23,42,.35);display:flex;flex-direction:column;overflow:hidden}
.top{display:flex;align-items:center;justify-content:space-between;padding:16px 20px;border-bottom:1px solid #eef0f3}
.brand{display:flex;align-items:center;gap:8px;font-weight:700;letter-spacing:.2px}
.brand-mark{width:22px;height:22px;border-radius:6px;background:#3e4ae7;display:inline-flex;align-items:center;justify-content:center;color:#fff;font-size:13px}
.icon-button{border:0;background:transparent;font-size:22px;line-height:1;cursor:pointer;color:#57606a;padding:4px 8px;border-radius:8px}
.icon-button:hover{background:#f3f4f6}
main{flex:1;display:flex;flex-direction:column;padding:24px 24px 20px}
h1{font-size:20px;margin:4px 0 8px}
p{margin:0 0 12px;line-height:1.5;color:#424a53}
.muted{color:#6e7781;font-size:13px}
.search{width:100%;padding:10px 12px;border:1px solid #d0d7de;border-radius:10px;font-size:15px;margin:8px 0 12px}
.list{list-style:none;margin:0;padding:0;overflow:auto;max-height:330px;border:1px solid #eef0f3;border-radius:12px}
.list li+li{border-top:1px solid #eef0f3}
.provider{width:100%;display:flex;align-items:center;gap:12px;padding:10px 12px;border:0;background:#fff;cursor:pointer;font-size:15px;text-align:left}
.provider:hover,.provider:focus{background:#f6f8fa;outline:none}
.logo{width:36px;height:36px;border-radius:10px;display:inline-flex;align-items:center;justify-content:center;color:#fff;font-weight:700;font-size:14px;flex:none}
.logo.big{width:56px;height:56px;font-size:20px;border-radius:14px}
.badge{margin-left:auto;font-size:11px;font-weight:600;color:#6639ba;background:#f3e8ff;border-radius:999px;padding:2px 8px}
.products{margin:8px 0 16px;padding:0;list-style:none}
.products li{display:flex;gap:10px;align-items:center;padding:7px 0;color:#24292f}
.products li::before{content:"✓";color:#1a7f37;font-weight:700}
label{display:block;font-size:13px;font-weight:600;margin:12px 0 6px}
input[type=text],input[type=password]{width:100%;padding:10px 12px;border:1px solid #d0d7de;border-radius:10px;font-size:15px}
.primary{width:100%;margin-top:auto;padding:12px;border:0;border-radius:10px;background:#3e4ae7;color:#fff;font-size:15px;font-weight:600;cursor:pointer}
.primary:disabled{opacity:.6;cursor:progress}
.secondary{border:0;background:transparent;color:#3e4ae7;font-weight:600;cursor:pointer;padding:6px 0;margin-bottom:8px;text-align:left}
.alert{background:#ffebe9;color:#82071e;border:1px solid #ffcecb;border-radius:10px;padding:10px 12px;margin:12px 0;font-size:14px}
.steps{margin:8px 0 12px;padding-left:20px;line-height:1.6;color:#24292f;font-size:14px}
.email{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;border-radius:6px;padding:1px 6px}
fieldset{border:1px solid #eef0f3;border-radius:12px;padding:6px 12px 10px;margin:8px 0 16px}
legend{font-size:13px;font-weight:600;padding:0 4px}
.choice{display:flex;gap:10px;align-items:flex-start;font-weight:400;font-size:14px;margin:8px 0;flex-wrap:wrap}
.entity select{margin:0 0 8px 24px;width:calc(100% - 24px);padding:6px;border:1px solid #d0d7de;border-radius:8px;font-size:13px}
.header-row{display:flex;align-items:center;gap:12px;margin-bottom:8px}
.center{text-align:center;align-items:center;justify-content:center}
.tabs{display:flex;gap:8px;margin-bottom:8px}
.tabs button{flex:1;padding:8px;border:1px solid #d0d7de;border-radius:8px;background:#fff;cursor:pointer}
.tabs button[aria-pressed=true]{border-color:#3e4ae7;color:#3e4ae7;font-weight:600}
footer{padding:10px 20px 16px;text-align:center;font-size:12px;color:#6e7781}
`;

const SCRIPT = `
(function () {
  var model = JSON.parse(document.getElementById("connect-model").textContent);
  var params = new URLSearchParams(window.location.search);
  var state = params.get("state");
  var hostUrl = params.get("sdk_host_url");
  var embedded = params.get("app_type") === "spa" || Boolean(hostUrl) || window.parent !== window;
  var main = document.getElementById("main");
  var ui = { provider: null, method: null, busy: false };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "style") node.style.cssText = attrs[key];
      else if (key.indexOf("on") === 0) node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function show() {
    var nodes = Array.prototype.slice.call(arguments).filter(Boolean);
    main.replaceChildren.apply(main, nodes);
    var focusable = main.querySelector("input,button.provider,button.primary");
    if (focusable) focusable.focus();
  }
  function logo(provider, big) {
    var node = el("span", { class: big ? "logo big" : "logo", "aria-hidden": "true", text: provider.initials });
    node.style.background = provider.color;
    return node;
  }
  function post(message) {
    if (!embedded) return;
    message.name = "finch-auth-message-v2";
    window.parent.postMessage(message, hostUrl || "*");
  }
  function providerById(id) {
    return model.providers.filter(function (p) { return p.id === id; })[0] || null;
  }

  function fatal(title, message) {
    show(
      el("div", { class: "center", style: "display:flex;flex-direction:column;flex:1" }, [
        el("h1", { text: title }),
        el("p", { text: message }),
        el("button", { class: "primary", type: "button", text: "Close", onclick: function () { closeWithError(message); } }),
      ])
    );
  }
  function closeWithError(message) {
    post({ kind: "error", error: { shouldClose: true, message: message, type: "validation_error" } });
  }

  document.getElementById("close").addEventListener("click", function () {
    if (model.kind === "error") return closeWithError(model.message);
    if (embedded) return post({ kind: "closed" });
    show(el("h1", { text: "Connection cancelled" }), el("p", { text: "You can close this window." }));
  });

  // A modal: Tab and Shift+Tab cycle inside it, and Escape closes an embedded Connect.
  var modal = document.querySelector(".modal");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && embedded) {
      event.preventDefault();
      document.getElementById("close").click();
      return;
    }
    if (event.key !== "Tab") return;
    var focusables = Array.prototype.filter.call(
      modal.querySelectorAll("button,input,select,textarea,a[href]"),
      function (node) { return !node.disabled && node.getClientRects().length > 0; }
    );
    if (!focusables.length) return;
    var first = focusables[0];
    var last = focusables[focusables.length - 1];
    var inside = modal.contains(document.activeElement);
    if (event.shiftKey && (!inside || document.activeElement === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
      event.preventDefault();
      first.focus();
    }
  });

  function chooseProvider() {
    var search = el("input", { id: "provider-search", class: "search", type: "text", placeholder: "Search", autocomplete: "off" });
    var list = el("ul", { class: "list", "aria-label": "Providers" });
    function render() {
      var query = search.value.trim().toLowerCase();
      list.replaceChildren();
      model.providers
        .filter(function (p) { return p.name.toLowerCase().indexOf(query) !== -1; })
        .forEach(function (p) {
          var assistedOnly = p.methods.length === 1 && p.methods[0] === "assisted";
          list.appendChild(el("li", {}, [
            el("button", { class: "provider", type: "button", onclick: function () { selectProvider(p); } }, [
              logo(p),
              el("span", { text: p.name }),
              assistedOnly ? el("span", { class: "badge", text: "Assisted" }) : null,
            ]),
          ]));
        });
      if (!list.children.length) list.appendChild(el("li", { class: "muted", style: "padding:12px", text: "No providers match your search." }));
    }
    search.addEventListener("input", render);
    render();
    show(
      el("h1", { text: "Select your provider" }),
      el("p", { text: "Choose the HR or payroll system " + model.customerName + " uses." }),
      el("label", { for: "provider-search", text: "Search providers" }),
      search,
      list
    );
  }

  function selectProvider(provider) {
    ui.provider = provider;
    ui.method = provider.methods[0];
    consent();
  }

  function consent() {
    var p = ui.provider;
    show(
      model.preselected ? null : el("button", { class: "secondary", type: "button", text: "← Back", onclick: chooseProvider }),
      el("div", { class: "header-row" }, [logo(p, true)]),
      el("h1", { text: model.customerName + " wants to access your " + p.name + " data" }),
      el("p", { text: "Finch will share the following with this application:" }),
      el("ul", { class: "products", "aria-label": "Requested data" }, model.products.map(function (label) { return el("li", { text: label }); })),
      el("p", { class: "muted", text: "You can revoke access at any time." }),
      el("button", { class: "primary", type: "button", text: "Continue", onclick: function () { signIn(); } })
    );
  }

  function errorBox(message) {
    return message ? el("div", { class: "alert", role: "alert", text: message }) : null;
  }

  function methodTabs() {
    var p = ui.provider;
    if (p.methods.length < 2) return null;
    return el("div", { class: "tabs", role: "group", "aria-label": "Connection method" }, p.methods.map(function (m) {
      return el("button", { type: "button", "aria-pressed": String(ui.method === m), text: m === "assisted" ? "Assisted setup" : "Sign in", onclick: function () { ui.method = m; signIn(); } });
    }));
  }

  var OUTCOMES = [
    ["success", "I added Finch with the required permissions"],
    ["no_account_setup", "I haven't added Finch yet"],
    ["wrong_permissions", "I added Finch with limited permissions"],
  ];

  function entityPicker() {
    var p = ui.provider;
    if (!p.entities.length) return null;
    var assistedMode = ui.method === "assisted";
    var rows = p.entities.map(function (entity, index) {
      var id = "entity-" + entity.sourceId;
      var kept = model.connectedEntities.indexOf(entity.sourceId) !== -1;
      var box = el("input", { type: "checkbox", id: id, value: entity.sourceId, "data-entity": "true" });
      box.checked = kept || (!model.reauth && index === 0);
      if (kept) box.disabled = true;
      var label = el("label", { class: "choice", for: id }, [box, el("span", { text: entity.name + (kept ? " (connected)" : "") })]);
      var select = null;
      if (assistedMode && !kept) {
        select = el("select", { id: id + "-outcome", "aria-label": "What did you do for " + entity.name });
        OUTCOMES.forEach(function (o) {
          var option = el("option", { value: o[0], text: o[1] });
          if (o[0] === model.defaultScenario) option.selected = true;
          select.appendChild(option);
        });
      }
      // The outcome select sits beside the label, so the checkbox's name is the entity's alone.
      return el("div", { class: "entity" }, [label, select]);
    });
    var note = model.reauth
      ? el("p", { class: "muted", text: "Entities already connected stay connected; you can add others." })
      : el("p", { class: "muted", text: "Pick every entity (EIN or division) this application may access." });
    return el("fieldset", { id: "entities" }, [el("legend", { text: "Entities" }), note].concat(rows));
  }

  function chosenEntities() {
    return Array.prototype.slice.call(main.querySelectorAll("input[data-entity]:checked:not(:disabled)")).map(function (box) {
      var select = document.getElementById(box.id + "-outcome");
      return { source_id: box.value, outcome: select ? select.value : "success" };
    });
  }

  function signIn(error) {
    var p = ui.provider;
    var back = model.reauth ? null : el("button", { class: "secondary", type: "button", text: "← Back", onclick: consent });
    var heading = model.reauth ? "Reconnect " + p.name + " for " + model.customerName : "Connect to " + p.name;
    var header = [back, el("div", { class: "header-row" }, [logo(p, true)]), el("h1", { text: heading }), methodTabs()];
    if (ui.method === "credential") {
      var user = el("input", { id: "username", type: "text", autocomplete: "username" });
      var pass = el("input", { id: "password", type: "password", autocomplete: "current-password" });
      var form = el("form", { style: "display:flex;flex-direction:column;flex:1", onsubmit: function (e) { e.preventDefault(); complete({ username: user.value, password: pass.value }); } }, [
        el("p", { text: "Sign in with your " + p.name + " administrator account." }),
        errorBox(error),
        el("label", { for: "username", text: "Username" }), user,
        el("label", { for: "password", text: "Password" }), pass,
        entityPicker(),
        el("button", { class: "primary", type: "submit", text: "Sign in", style: "margin-top:20px" }),
      ]);
      show.apply(null, header.concat([form]));
    } else if (ui.method === "api_token") {
      var token = el("input", { id: "api-token", type: "password", autocomplete: "off" });
      var tokenForm = el("form", { style: "display:flex;flex-direction:column;flex:1", onsubmit: function (e) { e.preventDefault(); complete({ api_token: token.value }); } }, [
        el("p", { text: "Paste an API token generated in " + p.name + "." }),
        errorBox(error),
        el("label", { for: "api-token", text: "API token" }), token,
        entityPicker(),
        el("button", { class: "primary", type: "submit", text: "Connect", style: "margin-top:20px" }),
      ]);
      show.apply(null, header.concat([tokenForm]));
    } else if (ui.method === "oauth") {
      show.apply(null, header.concat([
        el("p", { text: "You will authorize Finch in " + p.name + " to share the data listed earlier." }),
        errorBox(error),
        entityPicker(),
        el("button", { class: "primary", type: "button", text: "Authorize", onclick: function () { complete({}); } }),
      ]));
    } else {
      assisted(header, error);
    }
  }

  function assisted(header, error) {
    var p = ui.provider;
    var picker = entityPicker();
    var fieldset = picker || el("fieldset", {}, [el("legend", { text: "What did you do?" })].concat(OUTCOMES.map(function (option) {
      var id = "outcome-" + option[0];
      var input = el("input", { type: "radio", name: "outcome", id: id, value: option[0] });
      if (option[0] === model.defaultScenario) input.checked = true;
      return el("label", { class: "choice", for: id }, [input, el("span", { text: option[1] })]);
    })));
    var steps = el("ol", { class: "steps" }, [
      el("li", { text: "Sign in to " + p.name + " as an administrator." }),
      el("li", { text: "Go to " + (p.adminPath || "the user administration settings") + "." }),
      el("li", {}, [document.createTextNode("Add a new administrator with the email "), el("span", { class: "email", text: model.assistedEmail }), document.createTextNode(".")]),
      el("li", { text: "Grant payroll, HR and benefits admin permissions, then save." }),
    ]);
    show.apply(null, header.concat([
      el("p", { text: "Add Finch as a third-party administrator in " + p.name + ":" }),
      steps,
      errorBox(error),
      fieldset,
      el("button", { class: "primary", type: "button", text: "Done", onclick: function () {
        var chosen = picker ? null : fieldset.querySelector("input:checked");
        complete({ outcome: chosen ? chosen.value : undefined });
      } }),
    ]));
  }

  function complete(credentials) {
    if (ui.busy) return;
    ui.busy = true;
    var buttons = main.querySelectorAll("button.primary");
    buttons.forEach(function (b) { b.disabled = true; });
    var body = Object.assign({ session_id: model.sessionId, provider_id: ui.provider.id, auth_method: ui.method }, credentials);
    if (ui.provider.entities.length) body.entities = chosenEntities();
    fetch("/authorize/complete", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) { return response.json().then(function (data) { return { ok: response.ok, data: data }; }); })
      .then(function (result) {
        ui.busy = false;
        if (result.ok) return finish(result.data);
        var err = result.data.error || {};
        if (err.type === "invalid_credentials" || err.type === "entities_required") return signIn(err.message);
        fatal("Something went wrong", err.message || "Finch Connect could not finish.");
      })
      .catch(function () {
        ui.busy = false;
        signIn("Could not reach Finch. Check your connection and try again.");
      });
  }

  function finish(result) {
    show(
      el("div", { class: "center", style: "display:flex;flex-direction:column;flex:1" }, [
        el("div", { class: "header-row", style: "justify-content:center" }, [logo(ui.provider, true)]),
        el("h1", { text: ui.method === "assisted" ? "You're all set" : "Connected to " + ui.provider.name }),
        el("p", { text: ui.method === "assisted" ? "Finch will verify access and let the application know when data is ready." : "You can close this window." }),
      ])
    );
    if (embedded) return post({ kind: "success", code: result.code, state: state || undefined });
    if (result.redirect_uri) {
      var target = new URL(result.redirect_uri);
      target.searchParams.set("code", result.code);
      if (state) target.searchParams.set("state", state);
      window.location.assign(target.toString());
      return;
    }
    main.appendChild(el("p", { class: "muted", text: "Authorization code: " + result.code }));
  }

  if (model.kind === "error") fatal(model.title, model.message);
  else if (model.preselected) {
    ui.provider = providerById(model.preselected);
    ui.method = ui.provider.methods[0];
    if (model.reauth) signIn(); else consent();
  } else chooseProvider();
  document.documentElement.dataset.ready = "true";
})();
`;

export function renderConnectPage(model: ConnectPageModel, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Finch Connect</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<div class="overlay">
  <div class="modal" role="dialog" aria-modal="true" aria-label="Finch Connect">
    <div class="top">
      <span class="brand"><span class="brand-mark" aria-hidden="true">F</span>Finch</span>
      <button id="close" class="icon-button" type="button" aria-label="Close">×</button>
    </div>
    <main id="main"></main>
    <footer>Secured by Finch · Emulated for local development</footer>
  </div>
</div>
<script id="connect-model" type="application/json" nonce="${nonce}">${scriptJson(model)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

export function connectPageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors *",
  ].join("; ");
}
