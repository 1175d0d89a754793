// The KDF worker: derives one master key per message, off the page's thread. Started by
// deriveMasterKey (kdf.ts), which terminates it after the answer so Argon2's memory is freed.
// kdf-direct is imported dynamically here as in kdf.ts, so the bundler keeps one chunk for it.

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<unknown>) => {
  const { handleKdfRequest } = await import("./kdf-direct.js");
  const response = await handleKdfRequest(event.data);
  if (response.ok) scope.postMessage(response, [response.masterKey.buffer]);
  else scope.postMessage(response);
};
