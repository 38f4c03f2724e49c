/** French catalogue (same keys and placeholders as `en.ts`; the `Catalogue` type enforces the shape). */
import type { Catalogue } from '../catalogue.ts';

export const fr: Catalogue = {
  commands: {
    imagine: {
      description: 'Transformer une image avec l’IA',
      options: {
        image: { label: 'Image', description: 'L’image à transformer (PNG, JPEG ou WebP)' },
        style: { label: 'Style', description: 'Un style prédéfini' },
        prompt: { label: 'Prompt', description: 'Ce qu’il faut changer ou ajouter (facultatif)' },
      },
    },
    jobs: { description: 'Tes dernières tâches d’image : état, annuler, relancer' },
    help: { description: 'Comment utiliser le bot d’images' },
    account: {
      description: 'Ton forfait, tes crédits et tes comptes liés',
      subcommands: {
        status: { description: 'Afficher ton forfait, tes crédits et tes comptes de chat liés' },
        link: {
          description:
            'Lier ce compte de chat à ton compte ImageGen (une seule personne sur Discord et Slack)',
        },
        unlink: { description: 'Délier ce compte de chat de ton compte ImageGen' },
        billing: { description: 'Gérer ton abonnement, ta carte et tes factures (portail client Stripe)' },
      },
    },
    subscribe: {
      description: 'Acheter un forfait (plus d’images, file plus rapide) ou un pack de crédits',
      options: {
        plan: {
          description: 'Ce que tu veux acheter',
          choices: {
            pro: 'Pro — crédits mensuels, 4 tâches en parallèle',
            studio: 'Studio — le plus de crédits, 8 tâches en parallèle',
            credits: 'Pack de crédits — achat unique',
          },
        },
      },
    },
    budget: {
      description: 'Le budget quotidien d’images de ce serveur (les admins peuvent le modifier)',
      subcommands: {
        show: { description: 'Afficher le budget quotidien d’images de ce serveur' },
        set: {
          description: 'Fixer le nombre d’images que ce serveur peut créer par jour (admins uniquement)',
          options: {
            limit: { description: 'Images par jour pour tout le serveur (0 désactive la génération ici)' },
          },
        },
        clear: { description: 'Supprimer le budget quotidien de ce serveur (admins uniquement)' },
      },
    },
    privacy: {
      description: 'Tes données : ce que nous conservons, export, suppression, consentements, corrections',
      subcommands: {
        show: { description: 'Ce que nous conservons sur toi, tes consentements et qui contacter' },
        export: {
          description: 'Obtenir un lien de téléchargement vers une copie de toutes tes données et images',
        },
        delete: {
          description: 'Supprimer toutes tes données (avec confirmation)',
          options: {
            immediate: { description: 'Supprimer tes images tout de suite plutôt qu’après 90 jours' },
            confirm: { description: 'Tape DELETE pour passer le bouton de confirmation' },
          },
        },
        consent: {
          description: 'Donner ou retirer un consentement : entraînement sur les images, traitement',
          options: {
            what: {
              description: 'Quel consentement',
              choices: {
                training: 'Entraîner des modèles d’IA avec mes images',
                processing: 'Traiter mes données (créer des images)',
              },
            },
            choice: { description: 'Activé ou désactivé', choices: { on: 'Activé', off: 'Désactivé' } },
          },
        },
        marketing: {
          description: 'Messages marketing (nouveautés, annonces) activés ou désactivés',
          options: {
            choice: { description: 'Activé ou désactivé', choices: { on: 'Activé', off: 'Désactivé' } },
          },
        },
        updates: {
          description: 'Messages privés quand la politique de confidentialité change, activés ou non',
          options: {
            choice: { description: 'Activé ou désactivé', choices: { on: 'Activé', off: 'Désactivé' } },
          },
        },
        correct: {
          description: 'Corriger le nom, l’e-mail ou la langue que nous conservons',
          options: {
            name: { description: 'Ton nom' },
            email: { description: 'Ton adresse e-mail' },
            language: { description: 'Langue des messages, p. ex. fr-FR' },
          },
        },
        'report-child': {
          description: 'Signaler une personne qui pourrait avoir moins de 13 ans',
          options: {
            user: { description: 'La personne : une mention ou son identifiant' },
            details: { description: 'Tout ce qui peut nous aider à vérifier (facultatif)' },
          },
        },
      },
    },
  },
  messageActions: {
    restyle: {
      label: 'Transformer l’image',
      noImage:
        'Ce message ne contient aucune image que je puisse transformer. Utilise l’action sur un message avec une image PNG, JPEG ou WebP.',
    },
  },
  styles: {
    watercolor: {
      label: 'Aquarelle',
      description: 'Lavis doux, texture du papier et couleurs qui se fondent.',
    },
    anime: { label: 'Anime', description: 'Traits nets et aplats ombrés façon animation japonaise.' },
    'oil-painting': {
      label: 'Peinture à l’huile',
      description: 'Coups de pinceau épais et couleurs riches et classiques.',
    },
    'pixel-art': { label: 'Pixel art', description: 'Pixels rétro de jeu vidéo 16 bits.' },
    sketch: { label: 'Croquis au crayon', description: 'Graphite sur papier, hachures et ombrages.' },
    cyberpunk: { label: 'Cyberpunk', description: 'Néons, pluie et ambiance de ville futuriste.' },
    noir: { label: 'Film noir', description: 'Noir et blanc, ombres dures, cinéma des années 1940.' },
    'pop-art': { label: 'Pop art', description: 'Aplats de couleurs vives et trames de points.' },
    custom: {
      label: 'Seulement mon prompt',
      description: 'Aucun préréglage : ton prompt seul décide du style.',
    },
  },
  common: {
    internalError: 'Désolé, un problème est survenu de notre côté. Réessaie dans un instant.',
    internalErrorWithId:
      'Désolé, un problème est survenu de notre côté. Si cela se reproduit, contacte le support en indiquant l’identifiant d’erreur `{{eventId}}`.',
  },
  imagine: {
    queued:
      '⏳ En file d’attente — position {{position}}. Ton image **{{style}}** apparaîtra ici dès qu’elle sera prête.',
    deleted: '🗑️ Supprimé.',
  },
  worker: {
    generating: '🎨 Création de ton image **{{style}}**…',
    resultTitle: 'Transformation : {{style}}',
    doneIn: 'Terminé en {{seconds}} s.',
    rerun: 'Relancer',
    delete: 'Supprimer',
    failed: '❌ {{message}}',
    resultAlt: 'Ton image en version {{style}}',
    sourceAlt: 'Ton image d’origine',
    tryAnotherStyle: 'Essayer un autre style…',
    trialMode: 'Mode d’essai : {{parts}} — pas le service de production.',
    trialOfflineFilter: 'filtre d’image hors ligne (pas de clé OpenAI)',
    trialLocalStorage: 'stockage local (pas de clés ImageKit)',
    internalFailure:
      'Désolé, la génération a échoué de notre côté et rien ne t’a été facturé. Réessaie plus tard.',
    internalFailureWithId:
      'Désolé, la génération a échoué de notre côté et rien ne t’a été facturé. Identifiant d’erreur : `{{eventId}}`. Réessaie plus tard.',
  },
  help: {
    title: 'ImageGen — transforme tes images avec l’IA',
    intro:
      'Lance `/imagine` avec une image, choisis un style et décris (facultatif) ce qu’il faut changer. Je réponds tout de suite, je mets le travail en file et je publie le résultat ici.',
    styles: 'Styles',
  },
  jobs: {
    title: 'Tes tâches récentes',
    empty: 'Tu n’as encore aucune tâche. Essaie `/imagine` avec une image.',
    result: 'résultat',
    cancel: 'Annuler {{n}}',
    rerun: 'Relancer {{n}}',
    cancelled: '🚫 Annulé — rien n’a été facturé.',
    status: {
      intake: '📥 réception',
      queued: '⏳ en file',
      processing: '🎨 en création',
      succeeded: '✅ terminé',
      failed: '❌ échec',
      cancelled: '🚫 annulé',
    },
  },
  budget: {
    title: 'Budget du serveur',
    limit_one:
      'Ce serveur peut créer **{{count}}** image par jour (UTC) ; déjà utilisées aujourd’hui : **{{used}}**.',
    limit_other:
      'Ce serveur peut créer **{{count}}** images par jour (UTC) ; déjà utilisées aujourd’hui : **{{used}}**.',
    none_one:
      'Ce serveur n’a pas de budget quotidien ; **{{count}}** image créée aujourd’hui. Les admins peuvent en fixer un avec `/budget set`.',
    none_other:
      'Ce serveur n’a pas de budget quotidien ; **{{count}}** images créées aujourd’hui. Les admins peuvent en fixer un avec `/budget set`.',
    saved: '✅ Budget enregistré.',
    removed: '✅ Budget supprimé.',
    nothingToRemove: 'Il n’y avait aucun budget à supprimer.',
  },
  subscribe: {
    linkFirstTitle: 'Lie d’abord ton compte',
    linkFirst:
      'Les achats nécessitent un compte lié, pour te suivre sur Discord et Slack. Lie-le ici, puis relance `/subscribe` :\n{{url}}',
    buyCreditsTitle: 'Acheter des crédits',
    subscribeTitle: 'S’abonner',
    checkout:
      'Finalise ton achat sur la page de paiement sécurisée de Stripe :\n{{url}}\nToi seul peux voir ce message.',
  },
  account: {
    title: 'Ton compte',
    notLinked: 'Pas encore lié — `/account link` réunit tes comptes Discord et Slack en un seul.',
    plan: 'Forfait',
    pastDue: ' (paiement en retard)',
    ends: ' — se termine le {{date}}',
    renews: ' — se renouvelle le {{date}}',
    credits: 'Crédits',
    creditsValue: '{{credits}} (1 image chacun, utilisés en premier)',
    freeImages: 'Images gratuites',
    freeImagesValue: '{{perDay}} par jour sans crédits · {{today}} créée(s) aujourd’hui',
    parallelJobs: 'Tâches en parallèle',
    linkedAccount: 'Compte lié',
    linked: 'lié',
    notLinkedShort: 'non lié',
    chatAccounts: 'Comptes de chat',
    workspace: '{{platform}} (espace de travail {{scope}})',
    linkTitle: 'Lier ton compte',
    link: 'Ouvre ce lien dans les {{minutes}} minutes et connecte-toi :\n{{url}}\nIl ne fonctionne qu’une fois. Toi seul peux voir ce message — ne partage pas le lien.',
    unlinkedSplit:
      'Délié. Ce compte de chat repart de zéro avec l’offre gratuite ; ton forfait, tes crédits et ton historique restent sur ton compte lié.',
    unlinked: 'Délié. Ton forfait, tes crédits et ton historique restent sur ce compte de chat.',
    billingTitle: 'Facturation',
    billing: 'Gère ici ton forfait, ta carte et tes factures (lien valable peu de temps) :\n{{url}}',
  },
  adapter: {
    unknownCommand: 'Cette commande n’est plus disponible ici.',
    formExpired:
      'Ce formulaire a expiré. Rouvre le menu du message (Applications → l’action) pour recommencer.',
    replyFailed: 'Désolé, la réponse n’a pas pu être affichée. Réessaie dans un instant.',
    dmInstead:
      '📬 Je ne peux pas publier là où tu l’as demandé (l’application n’y est installée que pour toi, ou le salon m’est fermé), alors voici la réponse en message privé.',
    dmsClosed:
      '🔒 Je n’ai pas pu t’envoyer ceci en message privé, car tes MP me sont fermés. Pour recevoir les résultats en MP, autorise les messages privés : clic droit sur l’icône du serveur → Paramètres de confidentialité → Messages privés (ou Paramètres utilisateur → Contenu et social pour tous les serveurs).',
  },
  privacyNotices: {
    ageGateTitle: 'Avant ta première image',
    ageGate:
      'Confirme que tu as **13 ans ou plus** et que tu acceptes notre politique de confidentialité (version {{version}}) : {{url}}\nNous conservons les images que tu envoies, les résultats et tes prompts pour faire fonctionner le service ; tu peux les consulter, les exporter ou les supprimer à tout moment avec `/privacy`. Nous n’utilisons jamais tes images pour entraîner des modèles d’IA sans ton accord.',
    acceptAdult: 'J’ai 13 ans ou plus et j’accepte',
    under13: 'J’ai moins de 13 ans',
    decline: 'Refuser',
    accept: 'Accepter',
    changedTitle: 'Notre politique de confidentialité a changé',
    published: 'Nous avons publié la version {{version}} de notre politique de confidentialité : {{url}}',
    whatChanged: 'Ce qui change : {{summary}}',
    pleaseAccept:
      'Lis-la et accepte-la pour continuer à créer des images. Si tu ne l’acceptes pas, `/privacy export` et `/privacy delete` restent disponibles.',
    withdrawn:
      'Tu as retiré ton consentement au traitement, le bot ne crée donc pas d’images pour toi. Pour l’utiliser de nouveau, redonne ton consentement (bouton ci-dessous, ou `/privacy consent what:processing choice:on`).',
    consentAgain: 'Redonner mon consentement',
    updateTitle: 'Mise à jour de la politique de confidentialité',
    updateNextTime: 'Il te sera demandé de l’accepter la prochaine fois que tu créeras une image.',
    updateFooter:
      'Tu reçois ces messages car tu as activé les avis de changement de politique. Désactive-les avec /privacy updates choice:off',
    newsTitle: 'Actualités ImageGen',
    newsFooter:
      'Tu reçois ces messages car tu l’as accepté. Désinscris-toi à tout moment : /privacy marketing choice:off',
  },
  consents: {
    newerVersion: 'Une version plus récente de la politique a été publiée entre-temps.',
    accepted:
      '✅ Merci — tu as accepté notre politique de confidentialité (version {{version}}). Relance `/imagine` pour créer ton image.',
    declinedKeep:
      'Tu as refusé la version {{version}} de notre politique de confidentialité, le bot ne créera donc pas d’images pour toi tant que tu ne l’auras pas acceptée. Tes données restent jusqu’à ta demande : `/privacy export` t’en donne une copie, `/privacy delete` les supprime.',
    declined:
      'D’accord — tu as refusé, le bot ne créera donc pas d’images pour toi et nous ne conservons rien sur toi. Si tu changes d’avis, relance `/imagine`.',
    processingOn: '✅ Consentement au traitement donné — tu peux de nouveau créer des images.',
    processingOff:
      '🛑 Consentement au traitement retiré. Le bot ne créera pas d’images pour toi tant que tu ne l’auras pas redonné avec `/privacy consent what:processing choice:on`. Tes données sont conservées jusqu’à ce que tu les supprimes avec `/privacy delete`.',
    trainingOn:
      '✅ Entraînement ACTIVÉ : tu nous autorises à utiliser tes images pour entraîner des modèles d’IA (enregistré sous la version {{version}} de la politique). Désactive-le à tout moment : `/privacy consent what:training choice:off`.',
    trainingOff: '✅ Entraînement DÉSACTIVÉ : tes images ne servent pas à entraîner des modèles d’IA.',
    marketingOn:
      '✅ Messages marketing ACTIVÉS : nous pouvons t’envoyer des nouvelles d’ImageGen en MP. Désinscris-toi à tout moment : `/privacy marketing choice:off`.',
    marketingOff: '✅ Messages marketing DÉSACTIVÉS : tu ne recevras ni nouvelles ni annonces de notre part.',
    policy_updatesOn:
      '✅ Avis de changement de politique ACTIVÉS : nous t’écrivons en MP quand notre politique de confidentialité change.',
    policy_updatesOff:
      '✅ Avis de changement de politique DÉSACTIVÉS. Tu verras quand même un avis dans le bot quand la politique change.',
  },
  privacyRequests: {
    nothingToDelete: 'Nous ne conservons aucune donnée sur toi, il n’y a donc rien à supprimer.',
    imagesNow: 'Tes images sont supprimées tout de suite et purgées du cache du CDN.',
    imagesKept:
      'Tes images sont conservées {{days}} jours, dissociées de toi, puis supprimées (choisis `immediate` pour les supprimer tout de suite).',
    deleteTitle: 'Supprimer toutes tes données ?',
    deleteText:
      'Cela efface ton profil, tes identités de chat liées, tes tâches d’image et tes prompts, tes consentements et tes exports, supprime ton identifiant ImageGen lié et ton client de paiement, et résilie tout abonnement. {{images}} C’est irréversible.',
    deleteYes: 'Oui, tout supprimer',
    cancel: 'Annuler',
    deleting:
      '🗑️ Suppression de tes données… Je t’indiquerai ici (ou en message privé) exactement ce qui a été supprimé.',
    keep: 'Annulé — rien n’a été supprimé.',
    nothingToExport: 'Nous ne conservons aucune donnée sur toi, il n’y a donc rien à exporter.',
    exportPending: 'Ton export est déjà en préparation — le lien arrivera dès qu’il sera prêt.',
    exportTitle: 'Préparation de ton export',
    exportText:
      '📦 Je rassemble tout ce que nous conservons sur toi (profil, identités, tâches d’image avec prompts, crédits, consentements, demandes) ainsi que tes images dans un fichier ZIP. Quand il sera prêt, je t’enverrai un lien de téléchargement en message privé. Le lien fonctionne pendant {{hours}} heures et uniquement pour cet export.',
  },
  privacyOverview: {
    title: 'Tes données et ta vie privée',
    contact: 'Contact',
    contactValue:
      'Confidentialité : {{privacy}} · Support : {{support}}\nPolitique (version {{version}}) : {{url}}',
    rights: 'Tes droits',
    rightsValue:
      '`/privacy export` une copie de tout · `/privacy delete` tout effacer · `/privacy correct` corriger ton nom/e-mail · `/privacy consent` entraînement / traitement · `/privacy marketing` et `/privacy updates` messages · `/privacy report-child` signaler une personne de moins de 13 ans',
    refused:
      'Nous ne conservons rien sur toi, sauf une note (une empreinte irréversible de ton identifiant de chat) indiquant que tu as refusé ou que nous ne devons pas te servir.',
    nothing:
      'Nous ne conservons aucune donnée sur toi. Rien n’est enregistré tant que tu n’utilises pas le bot.',
    intro: 'Voici ce que nous conservons sur toi. Toi seul peux voir ce message.',
    profile: 'Profil',
    profileValue:
      'Forfait : {{plan}} · crédits : {{credits}}\nNom : {{name}} · e-mail : {{email}}\nCompte lié : {{linked}} · client de paiement : {{customer}}',
    yesClerk: 'oui (Clerk)',
    yesStripe: 'oui (Stripe)',
    no: 'non',
    identities: 'Identités liées',
    identity: '{{platform}} depuis le {{since}}',
    identityWorkspace: '{{platform}} (espace de travail {{scope}}) depuis le {{since}}',
    records: 'Enregistrements',
    recordsValue:
      '{{generations}} tâches d’image avec prompts ({{stored}} avec images conservées) · {{ledger}} écritures de crédits · {{subscriptions}} abonnements · {{consents}} enregistrements de consentement · {{requests}} demandes de confidentialité',
    consents: 'Consentements',
    acceptedVersion: 'version {{version}} le {{day}}',
    acceptedOld: 'version {{version}} le {{day}} (actuelle : {{current}})',
    notYet: 'pas encore',
    consentsValue:
      'Âge confirmé : {{age}} · politique de confidentialité acceptée : {{accepted}}\nTraitement : {{processing}} · entraînement sur les images : {{training}}\nMessages marketing : {{marketing}} · avis de changement de politique : {{updates}}',
    withdrawnOn: 'retiré le {{day}}',
    given: 'donné',
    on: 'activé',
    off: 'désactivé',
  },
  privacyCorrect: {
    nameAlsoLinked: 'Ton nom a aussi été modifié dans ton compte lié.',
    emailLinked:
      'Ton e-mail provient de ton compte lié, où il est vérifié : modifie-le là-bas, et le bot le reprendra lors de ta prochaine liaison.',
    emailLinkedAt:
      'Ton e-mail provient de ton compte lié, où il est vérifié : modifie-le là-bas ({{url}}), et le bot le reprendra lors de ta prochaine liaison.',
    updated: '✅ Mis à jour : {{fields}}.',
    unchanged: 'Rien n’a été modifié ici.',
    name: 'nom',
    email: 'e-mail',
    language: 'langue',
    childReported:
      'Merci — le signalement a été transmis à notre équipe, qui l’examinera et supprimera le compte si la personne a moins de 13 ans. La personne signalée ne saura pas qui l’a signalée. Tu peux aussi écrire à {{contact}}.',
  },
  erasure: {
    alreadyTitle: 'Plus rien à supprimer',
    already:
      'Tes données avaient déjà été effacées, il n’y avait donc plus rien à supprimer. Supprimer deux fois est sans danger.',
    title: 'Tes données ont été supprimées',
    removedHeading: '**Supprimé maintenant :**',
    profile: 'ton profil : nom, e-mail, forfait, crédits, consentements et préférences',
    identities_one: '{{count}} identité de chat liée ({{list}}), désormais déliée',
    identities_other: '{{count}} identités de chat liées ({{list}}), désormais déliées',
    generations_one: '{{count}} tâche d’image avec ses prompts',
    generations_other: '{{count}} tâches d’image avec leurs prompts',
    consentRecords_one: '{{count}} enregistrement de consentement',
    consentRecords_other: '{{count}} enregistrements de consentement',
    exports_one: '{{count}} archive d’export',
    exports_other: '{{count}} archives d’export',
    subscriptions_one: '{{count}} enregistrement d’abonnement',
    subscriptions_other: '{{count}} enregistrements d’abonnement',
    queued_one: '{{count}} tâche en file (annulée, jamais exécutée)',
    queued_other: '{{count}} tâches en file (annulées, jamais exécutées)',
    clerk: 'ton identifiant de compte ImageGen (Clerk)',
    stripe: 'ta fiche client Stripe',
    stripeCancelled_one: 'ta fiche client Stripe, {{count}} abonnement résilié',
    stripeCancelled_other: 'ta fiche client Stripe, {{count}} abonnements résiliés',
    imagesNow_one:
      '**Images :** {{count}} image conservée (tes envois et résultats) supprimée maintenant et purgée du cache du CDN.',
    imagesNow_other:
      '**Images :** {{count}} images conservées (tes envois et résultats) supprimées maintenant et purgées du cache du CDN.',
    imagesLater_one:
      '**Images :** {{count}} image conservée (tes envois et résultats) sera supprimée de notre stockage le {{date}} (UTC), dans {{days}} jours, comme le prévoit notre politique de confidentialité. Plus rien ne la relie à toi.',
    imagesLater_other:
      '**Images :** {{count}} images conservées (tes envois et résultats) seront supprimées de notre stockage le {{date}} (UTC), dans {{days}} jours, comme le prévoit notre politique de confidentialité. Plus rien ne les relie à toi.',
    imagesNone: '**Images :** aucune n’était conservée.',
    ledger_one: '{{count}} écriture du registre de crédits (comptabilité)',
    ledger_other: '{{count}} écritures du registre de crédits (comptabilité)',
    requests_one: '{{count}} trace de tes demandes de confidentialité (preuve que nous y avons répondu)',
    requests_other: '{{count}} traces de tes demandes de confidentialité (preuve que nous y avons répondu)',
    kept: '**Conservé sans rien qui t’identifie :** {{list}}.',
    end: 'Il ne reste rien d’autre sur toi. Utiliser de nouveau le bot crée un nouveau compte vide. Questions : {{contact}}',
  },
  privacyExport: {
    failed:
      'Désolé — ton export de données n’a pas pu être créé. Notre équipe a été prévenue et le finalisera ; tu peux aussi relancer `/privacy export` plus tard ou écrire à {{contact}}.',
    failedWithId:
      'Désolé — ton export de données n’a pas pu être créé. Notre équipe a été prévenue (identifiant d’erreur `{{eventId}}`) et le finalisera ; tu peux aussi relancer `/privacy export` plus tard ou écrire à {{contact}}.',
    readyTitle: 'Ton export de données est prêt',
    ready:
      'Télécharge-le ici : {{link}}\nLe lien fonctionne jusqu’au {{until}} UTC. Toute personne qui l’a peut télécharger tes données, ne le partage donc pas. Le ZIP contient `export.json` (tous les enregistrements que nous conservons sur toi) et tes images.',
  },
  dispatch: {
    unknownCommand: 'Cette commande n’est plus disponible ici. Essaie `/help`.',
    invalidOptions: 'Certaines options ne sont pas valides :\n{{problems}}',
  },
  billingNotices: {
    paymentFailedTitle: 'Échec du paiement',
    paymentFailed:
      'Nous n’avons pas pu encaisser le paiement de ton forfait ImageGen. Stripe réessaiera dans les prochains jours ; pour ne pas perdre ton forfait, mets à jour ta carte avec `/account billing`.',
  },
  errors: {
    discord_unreachable:
      'Enregistré dans /jobs — je n’ai pas pu t’envoyer le résultat : je ne peux pas publier là où tu l’as demandé et tes messages privés me sont fermés. Autorise mes messages privés pour recevoir les résultats.',
    slack_not_installed:
      'L’application n’est plus installée dans cet espace de travail Slack, la réponse n’a donc pas pu être publiée.',
    slack_token_revoked: 'L’application a été retirée de cet espace de travail Slack.',
    fetch_host_not_allowed:
      'Ce lien ne provient pas d’un hôte dont j’accepte les images. Joins plutôt l’image à ton message.',
    fetch_private_address:
      'Ce lien pointe vers une adresse de réseau privé, que je ne consulte jamais. Joins plutôt l’image.',
    fetch_bad_redirect_loop: 'Le lien a été redirigé trop de fois. Joins plutôt l’image à ton message.',
    fetch_bad_redirect_not_web:
      'Le lien a été redirigé vers quelque chose qui n’est pas une adresse web. Joins plutôt l’image à ton message.',
    fetch_bad_redirect_insecure:
      'Le lien a été redirigé d’une adresse sécurisée vers une adresse non sécurisée. Joins plutôt l’image à ton message.',
    fetch_bad_redirect_host:
      'Le lien a été redirigé vers un hôte dont je ne télécharge pas d’images. Joins plutôt l’image à ton message.',
    fetch_timeout: 'Le téléchargement de l’image a pris trop de temps. Réessaie dans un instant.',
    fetch_failed: 'Impossible de télécharger l’image (erreur réseau). Réessaie dans un instant.',
    fetch_failed_status_retry:
      'Impossible de télécharger l’image : le serveur de fichiers a répondu HTTP {{status}}. Réessaie dans un instant.',
    fetch_failed_status:
      'Impossible de télécharger l’image : le serveur de fichiers a répondu HTTP {{status}}. Envoie de nouveau l’image.',
    fetch_too_large: 'Ce fichier dépasse la limite de {{mb}} Mo. Envoie une image plus petite.',
    fetch_expired: 'Le lien de la pièce jointe a expiré ou a été supprimé — envoie de nouveau l’image.',
    service_busy:
      'Le bot est occupé pour le moment et n’a pas pu traiter cela. Rien n’a été facturé — réessaie dans une minute.',
    queue_unavailable:
      'Le bot est occupé pour le moment et n’a pas pu mettre ta demande en file. Rien n’a été facturé — réessaie dans une minute.',
    storage_unavailable:
      'Le stockage des images rencontre un problème, ta demande n’a donc pas été mise en file. Rien n’a été facturé — réessaie dans quelques minutes.',
    linking_off:
      'La liaison de comptes n’est pas configurée sur ce serveur. Tu peux continuer à utiliser le bot avec l’offre gratuite.',
    not_linked: 'Ce compte de chat n’est lié à aucun compte, il n’y a donc rien à délier.',
    too_many_jobs_one:
      'Tu as déjà {{count}} image en cours (limite {{limit}} avec le forfait {{plan}}). Réessaie dès qu’une sera terminée — `/jobs` montre leur progression.',
    too_many_jobs_other:
      'Tu as déjà {{count}} images en cours (limite {{limit}} avec le forfait {{plan}}). Réessaie dès qu’une sera terminée — `/jobs` montre leur progression.',
    daily_quota:
      'Tu as utilisé tes {{limit}} images gratuites du jour. Le quota est réinitialisé à 00:00 UTC (dans {{wait}}).',
    daily_quota_billing:
      'Tu as utilisé tes {{limit}} images gratuites du jour. Le quota est réinitialisé à 00:00 UTC (dans {{wait}}). Pour en avoir plus, souscris un forfait avec `/subscribe` ou achète un pack de crédits.',
    server_budget_off: 'La génération d’images a été désactivée sur ce serveur par ses admins (`/budget`).',
    server_budget:
      'Ce serveur a épuisé son budget quotidien de {{limit}} images fixé par ses admins. Il est réinitialisé à 00:00 UTC (dans {{wait}}) ; tu peux toujours utiliser le bot en message privé.',
    image_unsupported_type:
      'Ce fichier n’est pas une image prise en charge. Joins une image PNG, JPEG ou WebP.',
    image_unsupported_type_decoded:
      'Seules les images PNG, JPEG et WebP sont prises en charge — envoie l’image dans l’un de ces formats.',
    image_too_large:
      'Cette image fait {{size}} ; la limite est de {{limit}}. Envoie une image plus petite ou plus compressée.',
    image_too_many_pixels:
      'Cette image fait {{mp}} mégapixels ; la limite est de {{limit}} mégapixels. Redimensionne-la et réessaie.',
    image_too_many_pixels_decoded:
      'Cette image a trop de pixels : la limite est de {{limit}} mégapixels. Redimensionne-la et réessaie.',
    image_corrupt:
      'L’image semble endommagée ou incomplète — enregistre-la ou exporte-la de nouveau, puis renvoie-la.',
    image_too_small:
      'L’image est trop petite ({{width}}×{{height}} px) : chaque côté doit mesurer au moins {{min}} px. Utilise une image plus grande.',
    source_gone: 'L’image d’origine de cette tâche n’est plus conservée. Relance `/imagine`.',
    unknown_style: 'Ce style n’existe pas. Choisis-en un dans la liste.',
    moderation_flagged:
      'Ton image ou ton prompt a été signalé par notre filtre de contenu et n’a donc pas été envoyé pour génération. Rien ne t’a été facturé.',
    provider_blocked:
      'Le service d’images a refusé cette demande en vertu de sa politique de contenu. Essaie une autre image ou un autre prompt. Rien ne t’a été facturé.',
    provider_rejected:
      'Le service d’images n’a pas pu traiter cette demande : {{reason}} Rien ne t’a été facturé.',
    billing_off:
      'La facturation n’est pas configurée sur ce serveur, il n’y a donc rien à acheter — l’offre gratuite fonctionne comme d’habitude.',
    already_subscribed:
      'Tu as déjà le forfait {{plan}}. Utilise `/account billing` pour le modifier ou le résilier.',
    product_unavailable_credits: 'Les packs de crédits ne sont pas en vente sur ce serveur.',
    product_unavailable_plan: 'Le forfait {{plan}} n’est pas en vente sur ce serveur.',
    no_billing_account:
      'Tu n’as pas encore de compte de facturation — souscris d’abord un forfait avec `/subscribe` ou achète un pack de crédits.',
    job_not_found: 'Cette tâche n’existe plus.',
    not_your_job: 'Seule la personne qui a demandé cette image peut faire cela.',
    not_cancellable_processing: 'Cette image est déjà en cours de création et ne peut plus être annulée.',
    not_cancellable: 'Seules les tâches en file d’attente peuvent être annulées.',
    bad_version: 'Une version comporte 1 à 40 lettres, chiffres, ".", "_" ou "-".',
    version_exists: 'La version {{version}} a déjà été publiée.',
    bad_user: 'Mentionne la personne (p. ex. @nom) ou indique son identifiant.',
    no_report: 'Aucun signalement ouvert avec cet identifiant.',
    nothing_to_correct:
      'Dis-moi quoi changer : `/privacy correct name:<ton nom>`, `email:<adresse>` ou `language:<code, p. ex. fr-FR>`.',
    empty_announcement: 'Une annonce doit contenir du texte.',
    long_announcement: 'Une annonce doit faire moins de 1500 caractères.',
    not_in_server:
      'Les budgets de serveur s’appliquent aux serveurs et espaces de travail — lance cette commande dans l’un d’eux, pas en message privé.',
    not_server_admin:
      'Seuls les admins du serveur peuvent modifier le budget (Discord : permission Gérer le serveur ; Slack : admins de l’espace de travail).',
    age_refused:
      'Désolé — ImageGen n’est pas accessible aux moins de 13 ans, le bot ne crée donc pas d’images pour toi. Nous ne conservons rien sur toi, sauf une note indiquant que nous ne devons pas te servir. S’il s’agit d’une erreur, contacte {{contact}}.',
  },
};
