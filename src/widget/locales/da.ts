/** Danish UI strings, a chunk of their own: loaded only on pages that ask for Danish. */
import type { Strings } from './en.js';

const da: Strings = {
  launcher: 'Tal med os',
  close: 'Luk',
  call: 'Start opkald',
  end: 'Afslut opkald',
  mute: 'Slå mikrofonen fra',
  unmute: 'Slå mikrofonen til',
  retry: 'Prøv igen',
  retryIn: (seconds: number) => `Prøv igen om ${seconds} s`,
  agree: 'Accepter og ring op',
  decline: 'Ikke nu',
  consent: 'Opkaldet bruger din mikrofon. Giv dit samtykke, før vi forbinder dig.',
  signIn: 'Log ind for at tale med denne assistent.',
  transcript: 'Udskrift',
  you: 'Dig',
  meter: 'Lydniveau',
  elapsed: 'Opkaldstid',
  remaining: (seconds: number) => `${seconds} s tilbage`,
  status: {
    idle: '',
    loading: 'Indlæser…',
    ready: 'Klar, når du er.',
    unavailable: 'Ikke tilgængelig lige nu.',
    connecting: 'Forbinder…',
    ringing: 'Ringer…',
    connected: 'Forbundet. Du kan tale nu.',
    reconnecting: 'Forbindelsen blev afbrudt. Forbinder igen…',
    ended: 'Opkaldet er afsluttet.',
    error: 'Noget gik galt.',
  },
  errors: {
    invalid_key: 'Denne assistent er ikke sat korrekt op på dette website.',
    secret_key_in_page: 'Denne assistent er ikke sat korrekt op på dette website.',
    origin_not_allowed: 'Dette website har ikke tilladelse til at bruge denne assistent.',
    key_disabled: 'Denne assistent er slået fra for dette website.',
    agent_not_found: 'Denne assistent blev ikke fundet.',
    agent_not_active: 'Denne assistent tager ikke imod opkald lige nu.',
    widget_disabled: 'Denne assistent er ikke tilgængelig på nettet.',
    sign_in_required: 'Log ind for at tale med denne assistent.',
    rate_limited: 'For mange forespørgsler. Vent et øjeblik, og prøv igen.',
    cost_cap: 'Alle linjer er optaget. Prøv igen senere.',
    network: 'Serveren kunne ikke nås. Tjek din forbindelse, og prøv igen.',
    server_error: 'Der opstod et problem på serveren. Prøv igen.',
    invalid_response: 'Serveren sendte et uventet svar. Prøv igen.',
    mic_denied: 'Adgang til mikrofonen blev blokeret. Tillad den i browserens webstedsindstillinger, og prøv igen.',
    mic_unavailable:
      'Der kunne ikke bruges nogen mikrofon. Tjek, at der er en tilsluttet, som ikke er i brug, og prøv igen.',
    browser_unsupported:
      'Denne browser kan ikke foretage taleopkald. Brug en nyere version af Chrome, Edge, Firefox eller Safari.',
    call_failed: 'Opkaldet kunne ikke forbindes. Prøv igen.',
    call_dropped: 'Opkaldet blev afbrudt. Prøv igen.',
  },
};

export default da;
