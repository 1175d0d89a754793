// The portal's API client: import from here.
export * from "./client";
export * from "./errors";
export * from "./types";
