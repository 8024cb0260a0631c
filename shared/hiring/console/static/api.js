// The console's HTTP client: the public API only, same origin. The access token lives in memory, the refresh
// token in sessionStorage (gone when the tab closes). A 401 on an authenticated call refreshes the pair once
// (concurrent calls share that one refresh) and retries the call, so a page never loses what the user typed;
// when the refresh fails the session ends and `onSignedOut` (set by app.js) sends the user to sign in.

const REFRESH_KEY = "hiring.refresh";

/** An answer outside 2xx: the error envelope {"error": {code, message, details}} as fields. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `request failed (HTTP ${status})`);
    this.name = "ApiError";
    this.status = status;
    this.code = error.code || "http_error";
    this.details = error.details || error.detail || {};
  }
}

let accessToken = null;
let me = null; // the caller, cached by api.me()
let refreshing = null; // the one refresh in flight
let signedOutHandler = () => {};

export const session = {
  /** Store a token pair from /api/auth/login or /api/auth/refresh. */
  set(pair) {
    accessToken = pair.access_token;
    sessionStorage.setItem(REFRESH_KEY, pair.refresh_token);
  },
  clear() {
    accessToken = null;
    me = null;
    sessionStorage.removeItem(REFRESH_KEY);
  },
  /** True when there is a session to use or to restore (a reload keeps only the refresh token). */
  active() {
    return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
  },
  /** Called with no arguments when a refresh fails: the session is over. */
  onSignedOut(handler) {
    signedOutHandler = handler;
  },
};

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("application/json")) return response.json();
  if (type.startsWith("text/")) return response.text();
  return response.blob();
}

/** Trade the refresh token for a new pair; false when there is none or the API refuses it. */
async function refresh() {
  const token = sessionStorage.getItem(REFRESH_KEY);
  if (!token) return false;
  if (!refreshing) {
    refreshing = fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    })
      .then(async (response) => {
        if (!response.ok) return false;
        session.set(await response.json());
        return true;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

function build(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Call the API: request("POST", "/api/jobs", {json: {...}}) -> the parsed answer (null for 204).
 *  Options: json (a body sent as JSON), form (a FormData), query (an object of parameters; arrays repeat),
 *  auth (default true: send the bearer token, refresh once on 401). Throws ApiError outside 2xx. */
export async function request(method, path, { json, form, query, auth = true } = {}) {
  const url = build(path, query);
  const send = () => {
    const headers = { accept: "application/json" };
    if (json !== undefined) headers["content-type"] = "application/json";
    if (auth && accessToken) headers.authorization = `Bearer ${accessToken}`;
    return fetch(url, { method, headers, body: json !== undefined ? JSON.stringify(json) : form });
  };
  if (auth && !accessToken) await refresh(); // after a reload only the refresh token is left
  let response = await send();
  if (response.status === 401 && auth) {
    if (await refresh()) {
      response = await send();
    }
    if (response.status === 401) {
      session.clear();
      signedOutHandler();
    }
  }
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const api = {
  request,
  get: (path, options) => request("GET", path, options),
  post: (path, json, options = {}) => request("POST", path, { ...options, json }),
  put: (path, json, options = {}) => request("PUT", path, { ...options, json }),
  patch: (path, json, options = {}) => request("PATCH", path, { ...options, json }),
  del: (path, options) => request("DELETE", path, options),

  /** Upload a FormData with progress: onProgress(fraction 0..1). Same auth and single refresh as request(). */
  async upload(path, form, onProgress = () => {}) {
    if (!accessToken) await refresh();
    const send = () =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", path);
        xhr.setRequestHeader("accept", "application/json");
        if (accessToken) xhr.setRequestHeader("authorization", `Bearer ${accessToken}`);
        xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        xhr.onload = () => {
          let body = null;
          try {
            body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
          } catch {
            body = null;
          }
          resolve({ status: xhr.status, body });
        };
        xhr.onerror = () => reject(new Error("the upload did not reach the server"));
        xhr.send(form);
      });
    let answer = await send();
    if (answer.status === 401 && (await refresh())) answer = await send();
    if (answer.status === 401) {
      session.clear();
      signedOutHandler();
    }
    if (answer.status < 200 || answer.status >= 300) throw new ApiError(answer.status, answer.body);
    onProgress(1);
    return answer.body;
  },

  /** Sign in: store the pair, answer the caller (GET /api/me). */
  async login(email, password, tenant = null) {
    const body = { email, password };
    if (tenant) body.tenant = tenant;
    session.set(await request("POST", "/api/auth/login", { json: body, auth: false }));
    return api.me(true);
  },

  /** End the session on the server (its refresh and access tokens) and here. */
  async logout() {
    const token = sessionStorage.getItem(REFRESH_KEY);
    const headers = { "content-type": "application/json" };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    try {
      await fetch("/api/auth/logout", {
        method: "POST",
        headers,
        body: token ? JSON.stringify({ refresh_token: token }) : "null",
      });
    } finally {
      session.clear();
    }
  },

  /** The caller {user_id, tenant_id, role, email}; cached until sign-out, `fresh` asks again. */
  async me(fresh = false) {
    if (!me || fresh) me = await request("GET", "/api/me");
    return me;
  },

  /** The cached caller without a request, or null. */
  current() {
    return me;
  },
};
