// The shop's own code: the widget, and the one tool the shop gives its voice agent, add_to_cart.
const STOCK = { 'MUG-BLUE': 'Blue mug', 'MUG-RED': 'Red mug' };
const cart = [];

function renderCart() {
  const list = document.getElementById('cart');
  list.replaceChildren(...cart.map((sku) => Object.assign(document.createElement('li'), { textContent: STOCK[sku] })));
  document.getElementById('cart-empty').hidden = cart.length > 0;
}

const widget = document.querySelector('kataven-widget');
// Production uses the default API base and the shop's real key; tests point the widget at a sandbox.
const query = new URLSearchParams(location.search);
widget.setAttribute('client-key', query.get('key') ?? 'pk_live_mugshop_live0000000000');
if (query.get('api')) widget.setAttribute('api-base', query.get('api'));
widget.setAttribute('agent-id', query.get('agent') ?? 'agent_shop');

widget.clientTools = {
  add_to_cart: ({ sku }) => {
    cart.push(sku);
    renderCart();
    return { items: cart.length };
  },
};
// The shop refuses what it cannot sell: the agent hears `refused` and the cart stays as it was.
widget.addEventListener('kataven-tool-call', (event) => {
  if (event.detail.name === 'add_to_cart' && !(event.detail.params.sku in STOCK)) event.preventDefault();
});

await import('@kataven/widget/define');
