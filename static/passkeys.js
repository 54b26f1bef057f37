// Passkeys (WebAuthn) for family members. Loaded only on the sign-in and passkeys pages.
// Without JavaScript, or without WebAuthn, the passkey buttons stay hidden and the password
// and code route works as usual.

const fromBase64url = (text) => {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
};

const toBase64url = (buffer) => {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const post = async (url, token, body) => {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": token },
    body: body === undefined ? "{}" : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};

const credentialJSON = (credential) => {
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: toBase64url(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64url(response.attestationObject);
    json.response.transports = response.getTransports ? response.getTransports() : [];
  } else {
    json.response.authenticatorData = toBase64url(response.authenticatorData);
    json.response.signature = toBase64url(response.signature);
    json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
  }
  return json;
};

const register = async (options) => {
  options.challenge = fromBase64url(options.challenge);
  options.user.id = fromBase64url(options.user.id);
  for (const item of options.excludeCredentials || []) item.id = fromBase64url(item.id);
  return navigator.credentials.create({ publicKey: options });
};

const authenticate = async (options) => {
  options.challenge = fromBase64url(options.challenge);
  for (const item of options.allowCredentials || []) item.id = fromBase64url(item.id);
  return navigator.credentials.get({ publicKey: options });
};

const wire = (box, ceremony) => {
  const button = box.querySelector("[data-passkey-button]");
  const error = box.querySelector("[data-passkey-error]");
  const token = box.dataset.csrfToken;
  box.hidden = false;
  button.addEventListener("click", async () => {
    // GOV.UK's error message style beats the hidden attribute, so a class hides it.
    error.classList.add("govuk-!-display-none");
    button.disabled = true;
    try {
      const options = await post(box.dataset.optionsUrl, token);
      const credential = await ceremony(options);
      const result = await post(box.dataset.verifyUrl, token, credentialJSON(credential));
      window.location.assign(result.next);
    } catch (problem) {
      error.classList.remove("govuk-!-display-none");
      button.disabled = false;
    }
  });
};

if (window.PublicKeyCredential) {
  for (const box of document.querySelectorAll("[data-passkey-register]")) wire(box, register);
  for (const box of document.querySelectorAll("[data-passkey-sign-in]")) wire(box, authenticate);
  for (const note of document.querySelectorAll(".app-passkey__no-js")) note.hidden = true;
}
