/**
 * The sample customer website the preview shows in its `<iframe>`: three real pages (home, a product, pricing) with
 * working links, so a site owner can click through it as a visitor would, the widget's launcher on every page.
 */
import { html } from 'lit';

export type SitePage = 'home' | 'product' | 'pricing';

/** Each page's path (as the sandbox serves dist/demo) and title. */
export const SITE_PAGES: Record<SitePage, { path: string; title: string }> = {
  home: { path: '/site/', title: 'Acme Outfitters' },
  product: { path: '/site/product.html', title: 'Ridge 32 daypack · Acme Outfitters' },
  pricing: { path: '/site/pricing.html', title: 'Acme Club pricing · Acme Outfitters' },
};

const PRODUCTS = [
  { name: 'Ridge 32 daypack', price: '$129', tone: 'a' },
  { name: 'Switchback rain shell', price: '$189', tone: 'b' },
  { name: 'Basecamp insulated bottle', price: '$36', tone: 'c' },
];

const PLANS = [
  { name: 'Trail', price: 'Free', perks: ['Member prices', 'Birthday gift'] },
  { name: 'Summit', price: '$49 / year', perks: ['Free shipping', 'Free repairs', 'Early access'] },
  { name: 'Expedition', price: '$99 / year', perks: ['Everything in Summit', 'Gear rental', 'Guided trips'] },
];

/** The page for a location path; unknown paths show the home page. */
export function pageForPath(path: string): SitePage {
  const found = (Object.keys(SITE_PAGES) as SitePage[]).find((page) => SITE_PAGES[page].path === path);
  return found ?? 'home';
}

function nav(current: SitePage) {
  const link = (page: SitePage, label: string) =>
    html`<a href=${SITE_PAGES[page].path} aria-current=${current === page ? 'page' : 'false'}>${label}</a>`;
  return html`<div class="site-bar">Free shipping on orders over $75 · 60-day returns</div>
    <nav class="site-nav" aria-label="Site">
      <a class="site-logo" href=${SITE_PAGES.home.path}><span class="site-logo-mark"></span>Acme Outfitters</a>
      <span class="site-links"
        >${link('home', 'Shop')}${link('product', 'Daypacks')}${link('pricing', 'Acme Club')}</span
      >
      <span class="site-cart">Cart (2)</span>
    </nav>`;
}

function home() {
  return html`<header class="site-hero">
      <div class="site-hero-copy">
        <p class="site-eyebrow">Spring collection</p>
        <h1>Gear for the long way round.</h1>
        <p>Packs, shells and camp kit tested on real trails, and a team ready to help you choose.</p>
        <span class="site-buttons"
          ><a class="site-button" href=${SITE_PAGES.product.path}>Shop new arrivals</a
          ><a class="site-link" href=${SITE_PAGES.pricing.path}>Join Acme Club →</a></span
        >
      </div>
      <div class="site-hero-art">
        <span class="sun"></span><span class="peak one"></span><span class="peak two"></span>
      </div>
    </header>
    <section class="site-products" aria-label="New arrivals">
      ${PRODUCTS.map(
        (product) =>
          html`<a class="site-card" href=${SITE_PAGES.product.path}>
            <span class="site-card-art tone-${product.tone}"></span>
            <span class="site-card-name">${product.name}</span>
            <span class="site-card-price">${product.price}</span>
          </a>`,
      )}
    </section>
    <section class="site-help">
      <strong>Not sure what fits?</strong>
      <span>Our gear specialists answer every day from 7am to 10pm.</span>
    </section>`;
}

function product() {
  return html`<div class="site-product">
    <div class="site-card-art tone-a site-product-art"></div>
    <div>
      <p class="site-eyebrow">Daypacks</p>
      <h1>Ridge 32 daypack</h1>
      <p class="site-product-price">$129</p>
      <p>32 litres, a ventilated back panel and a rain cover in the lid. Fits a 16-inch laptop.</p>
      <span class="site-buttons"
        ><span class="site-button">Add to cart</span
        ><a class="site-link" href=${SITE_PAGES.pricing.path}>Members pay $109 →</a></span
      >
    </div>
  </div>`;
}

function pricing() {
  return html`<div class="site-pricing">
    <p class="site-eyebrow">Acme Club</p>
    <h1>Pick your membership</h1>
    <div class="site-plans">
      ${PLANS.map(
        (plan) =>
          html`<div class="site-card site-plan">
            <span class="site-card-name">${plan.name}</span>
            <span class="site-plan-price">${plan.price}</span>
            <ul>
              ${plan.perks.map((perk) => html`<li>${perk}</li>`)}
            </ul>
          </div>`,
      )}
    </div>
    <p><a class="site-link" href=${SITE_PAGES.home.path}>← Back to the shop</a></p>
  </div>`;
}

const PAGES = { home, product, pricing };

export function sitePage(page: SitePage) {
  return html`${nav(page)}
    <main class="site-main">${PAGES[page]()}</main>`;
}
