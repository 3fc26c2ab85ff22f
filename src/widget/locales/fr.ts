/** French UI strings, a chunk of their own: loaded only on pages that ask for French. */
import type { Strings } from './en.js';

const fr: Strings = {
  launcher: 'Parlez-nous',
  close: 'Fermer',
  call: 'Démarrer l’appel',
  end: 'Raccrocher',
  mute: 'Couper le micro',
  unmute: 'Réactiver le micro',
  retry: 'Réessayer',
  retryIn: (seconds: number) => `Réessayer dans ${seconds} s`,
  agree: 'Accepter et appeler',
  decline: 'Pas maintenant',
  consent: 'Cet appel utilise votre micro. Merci de donner votre accord avant que nous vous mettions en relation.',
  signIn: 'Veuillez vous connecter pour parler à cet assistant.',
  transcript: 'Transcription',
  you: 'Vous',
  meter: 'Niveau audio',
  elapsed: 'Durée de l’appel',
  remaining: (seconds: number) => `Encore ${seconds} s`,
  status: {
    idle: '',
    loading: 'Chargement…',
    ready: 'Prêt quand vous l’êtes.',
    unavailable: 'Indisponible pour le moment.',
    connecting: 'Connexion…',
    ringing: 'Sonnerie…',
    connected: 'Connecté. Vous pouvez parler.',
    reconnecting: 'Connexion perdue. Reconnexion…',
    ended: 'Appel terminé.',
    error: 'Un problème est survenu.',
  },
  errors: {
    invalid_key: 'Cet assistant n’est pas correctement configuré sur ce site.',
    secret_key_in_page: 'Cet assistant n’est pas correctement configuré sur ce site.',
    origin_not_allowed: 'Ce site n’est pas autorisé à utiliser cet assistant.',
    key_disabled: 'Cet assistant a été désactivé pour ce site.',
    agent_not_found: 'Cet assistant est introuvable.',
    agent_not_active: 'Cet assistant ne prend pas d’appels pour le moment.',
    widget_disabled: 'Cet assistant n’est pas disponible sur le web.',
    sign_in_required: 'Veuillez vous connecter pour parler à cet assistant.',
    rate_limited: 'Trop de demandes. Patientez un instant, puis réessayez.',
    cost_cap: 'Toutes les lignes sont occupées. Veuillez réessayer plus tard.',
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.',
    server_error: 'Le serveur a rencontré un problème. Veuillez réessayer.',
    invalid_response: 'Le serveur a renvoyé une réponse inattendue. Veuillez réessayer.',
    mic_denied:
      'L’accès au micro a été bloqué. Autorisez-le dans les paramètres du site de votre navigateur, puis réessayez.',
    mic_unavailable: 'Aucun micro n’a pu être utilisé. Vérifiez qu’il est branché et libre, puis réessayez.',
    browser_unsupported:
      'Ce navigateur ne permet pas les appels vocaux. Essayez une version récente de Chrome, Edge, Firefox ou Safari.',
    call_failed: 'L’appel n’a pas pu être établi. Veuillez réessayer.',
    call_dropped: 'L’appel a été interrompu. Veuillez réessayer.',
  },
};

export default fr;
