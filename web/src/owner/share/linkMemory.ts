/**
 * Full link URLs (with the secret) created in this page, so Shared Links can still copy them until the page is closed.
 * The server never has the secret; nothing here is written to storage.
 */
const urls = new Map<string, string>();

export const rememberLinkUrl = (linkId: string, url: string) => urls.set(linkId, url);
export const rememberedLinkUrl = (linkId: string) => urls.get(linkId) ?? null;
export const forgetLinkUrls = () => urls.clear();
