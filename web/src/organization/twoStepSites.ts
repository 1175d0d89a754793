// Websites known to offer two-step login with an authenticator app (TOTP), for the "inactive
// two-step login" report: a small built-in list, so no outside directory is asked.

const TOTP_DOMAINS: readonly string[] = [
  "google.com", "microsoft.com", "live.com", "apple.com", "amazon.com", "aws.amazon.com",
  "github.com", "gitlab.com", "bitbucket.org", "atlassian.com", "dropbox.com", "box.com",
  "facebook.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "reddit.com",
  "discord.com", "slack.com", "zoom.us", "paypal.com", "stripe.com", "coinbase.com",
  "kraken.com", "binance.com", "cloudflare.com", "digitalocean.com", "heroku.com", "npmjs.com",
  "pypi.org", "docker.com", "salesforce.com", "shopify.com", "wordpress.com", "godaddy.com",
  "namecheap.com", "ovh.com", "hetzner.com", "linode.com", "twitch.tv", "epicgames.com",
  "steampowered.com", "ea.com", "ubisoft.com", "nintendo.com", "adobe.com", "mailchimp.com",
  "proton.me", "protonmail.com", "fastmail.com", "zoho.com", "evernote.com", "notion.so",
  "figma.com", "trello.com", "asana.com", "hubspot.com", "okta.com", "auth0.com",
];

/** The host of a website as written in an item (with or without a scheme), lower-cased. */
export function hostOf(uri: string): string | null {
  const trimmed = uri.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** The listed domain the website belongs to (itself or a subdomain of it), or null. */
export function twoStepDomain(uri: string): string | null {
  const host = hostOf(uri);
  if (!host) return null;
  return TOTP_DOMAINS.find((d) => host === d || host.endsWith(`.${d}`)) ?? null;
}
