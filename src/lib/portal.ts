/**
 * The portal the explorer talks to. The embedded portal writes its title into index.html
 * (`<meta name="ods-portal-title">`); any other portal is named by its host.
 */
export function embeddedPortalTitle(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="ods-portal-title"]');
  return meta?.content || 'Embedded portal';
}
