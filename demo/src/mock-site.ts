/**
 * The plain "customer website" the floating widget sits on in the preview. Static, inert markup: it is scenery, so
 * keyboard users tab straight from the viewport switch to the widget's launcher.
 */
import { html } from 'lit';

const PRODUCTS = [
  { name: 'Ridge 32 daypack', price: '$129', tone: 'a' },
  { name: 'Switchback rain shell', price: '$189', tone: 'b' },
  { name: 'Basecamp insulated bottle', price: '$36', tone: 'c' },
];

export function mockSite() {
  return html`<div class="site" inert aria-hidden="true">
    <div class="site-bar">Free shipping on orders over $75 · 60-day returns</div>
    <nav class="site-nav">
      <span class="site-logo"><span class="site-logo-mark"></span>Acme Outfitters</span>
      <span class="site-links"><span>Shop</span><span>Journal</span><span>Stores</span><span>Help</span></span>
      <span class="site-cart">Cart (2)</span>
      <span class="site-menu"><i></i><i></i><i></i></span>
    </nav>
    <header class="site-hero">
      <div class="site-hero-copy">
        <p class="site-eyebrow">Spring collection</p>
        <h3>Gear for the long way round.</h3>
        <p>Packs, shells and camp kit tested on real trails, and a team ready to help you choose.</p>
        <span class="site-buttons"
          ><span class="site-button">Shop new arrivals</span><span class="site-link">Find a store →</span></span
        >
      </div>
      <div class="site-hero-art">
        <span class="sun"></span><span class="peak one"></span><span class="peak two"></span>
      </div>
    </header>
    <section class="site-products">
      ${PRODUCTS.map(
        (product) =>
          html`<div class="site-card">
            <div class="site-card-art tone-${product.tone}"></div>
            <p class="site-card-name">${product.name}</p>
            <p class="site-card-price">${product.price}</p>
          </div>`,
      )}
    </section>
    <section class="site-help">
      <strong>Not sure what fits?</strong>
      <span>Our gear specialists answer every day from 7am to 10pm.</span>
    </section>
  </div>`;
}
