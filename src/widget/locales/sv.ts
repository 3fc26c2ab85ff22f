/** Swedish UI strings, a chunk of their own: loaded only on pages that ask for Swedish. */
import type { Strings } from './en.js';

const sv: Strings = {
  launcher: 'Prata med oss',
  close: 'Stäng',
  call: 'Starta samtal',
  end: 'Avsluta samtal',
  mute: 'Stäng av mikrofonen',
  unmute: 'Slå på mikrofonen',
  retry: 'Försök igen',
  retryIn: (seconds: number) => `Försök igen om ${seconds} s`,
  agree: 'Godkänn och ring',
  decline: 'Inte nu',
  consent: 'Samtalet använder din mikrofon. Godkänn det innan vi kopplar upp dig.',
  signIn: 'Logga in för att prata med den här assistenten.',
  transcript: 'Transkription',
  you: 'Du',
  meter: 'Ljudnivå',
  elapsed: 'Samtalstid',
  remaining: (seconds: number) => `${seconds} s kvar`,
  status: {
    idle: '',
    loading: 'Laddar…',
    ready: 'Redo när du är.',
    unavailable: 'Inte tillgänglig just nu.',
    connecting: 'Ansluter…',
    ringing: 'Ringer…',
    connected: 'Ansluten. Varsågod och prata.',
    reconnecting: 'Anslutningen bröts. Ansluter igen…',
    ended: 'Samtalet har avslutats.',
    error: 'Något gick fel.',
  },
  errors: {
    invalid_key: 'Assistenten är inte korrekt inställd på den här webbplatsen.',
    secret_key_in_page: 'Assistenten är inte korrekt inställd på den här webbplatsen.',
    origin_not_allowed: 'Den här webbplatsen får inte använda assistenten.',
    key_disabled: 'Assistenten har stängts av för den här webbplatsen.',
    agent_not_found: 'Assistenten kunde inte hittas.',
    agent_not_active: 'Assistenten tar inte emot samtal just nu.',
    widget_disabled: 'Assistenten är inte tillgänglig på webben.',
    sign_in_required: 'Logga in för att prata med den här assistenten.',
    rate_limited: 'För många förfrågningar. Vänta en stund och försök igen.',
    cost_cap: 'Alla linjer är upptagna. Försök igen senare.',
    network: 'Det gick inte att nå servern. Kontrollera din anslutning och försök igen.',
    server_error: 'Servern fick ett problem. Försök igen.',
    invalid_response: 'Servern skickade ett oväntat svar. Försök igen.',
    mic_denied:
      'Åtkomst till mikrofonen blockerades. Tillåt den i webbläsarens webbplatsinställningar och försök igen.',
    mic_unavailable: 'Ingen mikrofon kunde användas. Kontrollera att en är ansluten och inte används, och försök igen.',
    browser_unsupported:
      'Den här webbläsaren kan inte ringa röstsamtal. Använd en aktuell version av Chrome, Edge, Firefox eller Safari.',
    call_failed: 'Samtalet kunde inte kopplas upp. Försök igen.',
    call_dropped: 'Samtalet bröts. Försök igen.',
  },
};

export default sv;
