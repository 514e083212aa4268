/** Connection URLs carry passwords; every message that may contain one passes through here. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}

/** Removes the password of `url` (raw and URL-decoded) from any text, such as a driver's error. */
export function redactSecrets(text: string, url: string): string {
  let out = text.replace(/(\w+:\/\/[^:/@\s]+):[^@/\s]*@/g, '$1:***@');
  try {
    const password = new URL(url).password;
    if (password) out = out.split(password).join('***').split(decodeURIComponent(password)).join('***');
  } catch {
    // not a URL: nothing more to remove
  }
  return out;
}
