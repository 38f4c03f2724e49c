/** Spanish catalogue (same keys and placeholders as `en.ts`; the `Catalogue` type enforces the shape). */
import type { Catalogue } from '../catalogue.ts';

export const es: Catalogue = {
  commands: {
    imagine: {
      description: 'Transforma una imagen con IA',
      options: {
        image: { label: 'Imagen', description: 'La imagen que quieres transformar (PNG, JPEG o WebP)' },
        style: { label: 'Estilo', description: 'Un estilo predefinido' },
        prompt: { label: 'Prompt', description: 'Qué cambiar o añadir (opcional)' },
      },
    },
    jobs: { description: 'Tus trabajos de imagen recientes: estado, cancelar, repetir' },
    help: { description: 'Cómo usar el bot de imágenes' },
    account: {
      description: 'Tu plan, tus créditos y tus cuentas vinculadas',
      subcommands: {
        status: { description: 'Muestra tu plan, tus créditos y tus cuentas de chat vinculadas' },
        link: {
          description: 'Vincula esta cuenta de chat a tu cuenta de ImageGen (una persona en Discord y Slack)',
        },
        unlink: { description: 'Desvincula esta cuenta de chat de tu cuenta de ImageGen' },
        billing: {
          description: 'Gestiona tu suscripción, tarjeta y facturas (portal de clientes de Stripe)',
        },
      },
    },
    subscribe: {
      description: 'Compra un plan (más imágenes, cola más rápida) o un paquete de créditos',
      options: {
        plan: {
          description: 'Qué quieres comprar',
          choices: {
            pro: 'Pro — créditos mensuales, 4 trabajos en paralelo',
            studio: 'Studio — la mayor cantidad de créditos, 8 trabajos en paralelo',
            credits: 'Paquete de créditos — pago único',
          },
        },
      },
    },
    budget: {
      description: 'El presupuesto diario de imágenes de este servidor (los admins pueden cambiarlo)',
      subcommands: {
        show: { description: 'Muestra el presupuesto diario de imágenes de este servidor' },
        set: {
          description: 'Define cuántas imágenes puede crear este servidor al día (solo admins)',
          options: {
            limit: { description: 'Imágenes al día para todo el servidor (0 desactiva la generación aquí)' },
          },
        },
        clear: { description: 'Elimina el presupuesto diario de este servidor (solo admins)' },
      },
    },
    privacy: {
      description: 'Tus datos: qué guardamos, exportar, borrar, consentimientos, correcciones',
      subcommands: {
        show: { description: 'Qué guardamos sobre ti, tus consentimientos y a quién contactar' },
        export: { description: 'Obtén un enlace de descarga con una copia de todos tus datos e imágenes' },
        delete: {
          description: 'Borra todos tus datos (pide confirmación)',
          options: {
            immediate: { description: 'Borra tus imágenes al instante en lugar de a los 90 días' },
            confirm: { description: 'Escribe DELETE para omitir el botón de confirmación' },
          },
        },
        consent: {
          description: 'Da o retira tu consentimiento: entrenamiento con imágenes, tratamiento',
          options: {
            what: {
              description: 'Qué consentimiento',
              choices: {
                training: 'Entrenar modelos de IA con mis imágenes',
                processing: 'Tratar mis datos (crear imágenes)',
              },
            },
            choice: {
              description: 'Activado o desactivado',
              choices: { on: 'Activado', off: 'Desactivado' },
            },
          },
        },
        marketing: {
          description: 'Mensajes de marketing (novedades, anuncios) activados o desactivados',
          options: {
            choice: {
              description: 'Activado o desactivado',
              choices: { on: 'Activado', off: 'Desactivado' },
            },
          },
        },
        updates: {
          description: 'Mensajes directos cuando cambie la política de privacidad, sí o no',
          options: {
            choice: {
              description: 'Activado o desactivado',
              choices: { on: 'Activado', off: 'Desactivado' },
            },
          },
        },
        correct: {
          description: 'Corrige el nombre, el correo o el idioma que guardamos',
          options: {
            name: { description: 'Tu nombre' },
            email: { description: 'Tu dirección de correo' },
            language: { description: 'Idioma de los mensajes, p. ej. es-ES' },
          },
        },
        'report-child': {
          description: 'Denuncia a una persona que podría tener menos de 13 años',
          options: {
            user: { description: 'La persona: una mención o su ID de usuario' },
            details: { description: 'Cualquier dato que nos ayude a comprobarlo (opcional)' },
          },
        },
      },
    },
  },
  messageActions: {
    restyle: {
      label: 'Transformar imagen',
      noImage:
        'Ese mensaje no tiene ninguna imagen que pueda transformar. Úsalo en un mensaje con una imagen PNG, JPEG o WebP.',
    },
  },
  styles: {
    watercolor: {
      label: 'Acuarela',
      description: 'Aguadas suaves, textura de papel y colores que se funden.',
    },
    anime: {
      label: 'Anime',
      description: 'Líneas limpias y sombreado cel al estilo de la animación japonesa.',
    },
    'oil-painting': {
      label: 'Pintura al óleo',
      description: 'Pinceladas gruesas y colores ricos y clásicos.',
    },
    'pixel-art': { label: 'Pixel art', description: 'Píxeles retro de videojuego de 16 bits.' },
    sketch: { label: 'Boceto a lápiz', description: 'Grafito sobre papel, tramado y sombreado.' },
    cyberpunk: { label: 'Cyberpunk', description: 'Luces de neón, lluvia y ambiente de ciudad futurista.' },
    noir: { label: 'Cine negro', description: 'Blanco y negro, sombras duras, cine de los años 40.' },
    'pop-art': { label: 'Arte pop', description: 'Colores planos intensos y puntos de trama.' },
    custom: { label: 'Solo mi prompt', description: 'Sin estilo predefinido: tu prompt decide el estilo.' },
  },
  common: {
    internalError: 'Lo sentimos, algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.',
    internalErrorWithId:
      'Lo sentimos, algo ha fallado por nuestra parte. Si vuelve a ocurrir, contacta con soporte e indica el ID de error `{{eventId}}`.',
  },
  imagine: {
    queued: '⏳ En cola — posición {{position}}. Tu imagen **{{style}}** aparecerá aquí cuando esté lista.',
    deleted: '🗑️ Borrado.',
  },
  worker: {
    generating: '🎨 Generando tu imagen **{{style}}**…',
    resultTitle: 'Transformación: {{style}}',
    doneIn: 'Listo en {{seconds}} s.',
    rerun: 'Repetir',
    delete: 'Borrar',
    failed: '❌ {{message}}',
    resultAlt: 'Tu imagen en versión {{style}}',
    sourceAlt: 'Tu imagen original',
    tryAnotherStyle: 'Probar otro estilo…',
    trialMode: 'Modo de prueba: {{parts}} — no es el servicio de producción.',
    trialOfflineFilter: 'filtro de imagen sin conexión (sin clave de OpenAI)',
    trialLocalStorage: 'almacenamiento local (sin claves de ImageKit)',
    internalFailure:
      'Lo sentimos, la generación ha fallado por nuestra parte y no se te ha cobrado nada. Inténtalo de nuevo más tarde.',
    internalFailureWithId:
      'Lo sentimos, la generación ha fallado por nuestra parte y no se te ha cobrado nada. ID de error: `{{eventId}}`. Inténtalo de nuevo más tarde.',
  },
  help: {
    title: 'ImageGen — transforma imágenes con IA',
    intro:
      'Ejecuta `/imagine` con una imagen, elige un estilo y (si quieres) describe qué cambiar. Respondo al instante, pongo el trabajo en cola y publico el resultado aquí.',
    styles: 'Estilos',
  },
  jobs: {
    title: 'Tus trabajos recientes',
    empty: 'Todavía no tienes trabajos. Prueba `/imagine` con una imagen.',
    result: 'resultado',
    cancel: 'Cancelar {{n}}',
    rerun: 'Repetir {{n}}',
    cancelled: '🚫 Cancelado — no se ha cobrado nada.',
    status: {
      intake: '📥 recibiendo',
      queued: '⏳ en cola',
      processing: '🎨 generando',
      succeeded: '✅ listo',
      failed: '❌ fallido',
      cancelled: '🚫 cancelado',
    },
  },
  budget: {
    title: 'Presupuesto del servidor',
    limit_one: 'Este servidor puede crear **{{count}}** imagen al día (UTC); hoy se han usado **{{used}}**.',
    limit_other:
      'Este servidor puede crear **{{count}}** imágenes al día (UTC); hoy se han usado **{{used}}**.',
    none_one:
      'Este servidor no tiene presupuesto diario; hoy se ha creado **{{count}}** imagen. Los admins pueden fijar uno con `/budget set`.',
    none_other:
      'Este servidor no tiene presupuesto diario; hoy se han creado **{{count}}** imágenes. Los admins pueden fijar uno con `/budget set`.',
    saved: '✅ Presupuesto guardado.',
    removed: '✅ Presupuesto eliminado.',
    nothingToRemove: 'No había ningún presupuesto que eliminar.',
  },
  subscribe: {
    linkFirstTitle: 'Primero vincula tu cuenta',
    linkFirst:
      'Las compras necesitan una cuenta vinculada, para que te acompañen en Discord y Slack. Vincúlala aquí y vuelve a ejecutar `/subscribe`:\n{{url}}',
    buyCreditsTitle: 'Comprar créditos',
    subscribeTitle: 'Suscribirse',
    checkout:
      'Completa tu compra en la página de pago segura de Stripe:\n{{url}}\nSolo tú puedes ver este mensaje.',
  },
  account: {
    title: 'Tu cuenta',
    notLinked: 'Aún sin vincular — `/account link` une tus cuentas de Discord y Slack en una.',
    plan: 'Plan',
    pastDue: ' (pago vencido)',
    ends: ' — termina el {{date}}',
    renews: ' — se renueva el {{date}}',
    credits: 'Créditos',
    creditsValue: '{{credits}} (1 imagen cada uno, se usan primero)',
    freeImages: 'Imágenes gratuitas',
    freeImagesValue: '{{perDay}} al día sin créditos · {{today}} creadas hoy',
    parallelJobs: 'Trabajos en paralelo',
    linkedAccount: 'Cuenta vinculada',
    linked: 'vinculada',
    notLinkedShort: 'sin vincular',
    chatAccounts: 'Cuentas de chat',
    workspace: '{{platform}} (espacio de trabajo {{scope}})',
    linkTitle: 'Vincula tu cuenta',
    link: 'Abre este enlace en menos de {{minutes}} minutos e inicia sesión:\n{{url}}\nSolo funciona una vez. Solo tú puedes ver este mensaje — no compartas el enlace.',
    unlinkedSplit:
      'Desvinculada. Esta cuenta de chat empieza de cero con el plan gratuito; tu plan, tus créditos y tu historial se quedan en tu cuenta vinculada.',
    unlinked: 'Desvinculada. Tu plan, tus créditos y tu historial se quedan en esta cuenta de chat.',
    billingTitle: 'Facturación',
    billing: 'Gestiona aquí tu plan, tu tarjeta y tus facturas (el enlace caduca pronto):\n{{url}}',
  },
  adapter: {
    unknownCommand: 'Este comando ya no está disponible aquí.',
    formExpired:
      'Este formulario ha caducado. Vuelve a abrir el menú del mensaje (Apps → la acción) para empezar de nuevo.',
    replyFailed: 'Lo sentimos, no se pudo mostrar la respuesta. Inténtalo de nuevo en un momento.',
    dmInstead:
      '📬 No puedo publicar donde lo pediste (la app solo está instalada para ti allí, o el canal está cerrado para mí), así que aquí lo tienes por mensaje directo.',
    dmsClosed:
      '🔒 No he podido enviarte esto por mensaje directo porque tus MD están cerrados para mí. Para recibir resultados por MD, permite los mensajes directos: clic derecho en el icono del servidor → Ajustes de privacidad → Mensajes directos (o Ajustes de usuario → Contenido y social para todos los servidores).',
  },
  privacyNotices: {
    ageGateTitle: 'Antes de tu primera imagen',
    ageGate:
      'Confirma que tienes **13 años o más** y que aceptas nuestra política de privacidad (versión {{version}}): {{url}}\nGuardamos las imágenes que envías, los resultados y tus prompts para prestar el servicio; puedes verlos, exportarlos o borrarlos cuando quieras con `/privacy`. Nunca usamos tus imágenes para entrenar modelos de IA salvo que lo aceptes.',
    acceptAdult: 'Tengo 13 años o más y acepto',
    under13: 'Tengo menos de 13 años',
    decline: 'Rechazar',
    accept: 'Aceptar',
    changedTitle: 'Nuestra política de privacidad ha cambiado',
    published: 'Hemos publicado la versión {{version}} de nuestra política de privacidad: {{url}}',
    whatChanged: 'Qué ha cambiado: {{summary}}',
    pleaseAccept:
      'Léela y acéptala para seguir creando imágenes. Si no la aceptas, `/privacy export` y `/privacy delete` siguen funcionando.',
    withdrawn:
      'Has retirado tu consentimiento al tratamiento, así que el bot no crea imágenes para ti. Para volver a usarlo, da de nuevo tu consentimiento (botón de abajo o `/privacy consent what:processing choice:on`).',
    consentAgain: 'Volver a dar consentimiento',
    updateTitle: 'Actualización de la política de privacidad',
    updateNextTime: 'Se te pedirá que la aceptes la próxima vez que crees una imagen.',
    updateFooter:
      'Recibes estos mensajes porque activaste los avisos de cambios de política. Desactívalos con /privacy updates choice:off',
    newsTitle: 'Novedades de ImageGen',
    newsFooter:
      'Recibes estos mensajes porque lo aceptaste. Date de baja cuando quieras: /privacy marketing choice:off',
  },
  consents: {
    newerVersion: 'Mientras tanto se ha publicado una versión más reciente de la política.',
    accepted:
      '✅ Gracias — has aceptado nuestra política de privacidad (versión {{version}}). Vuelve a ejecutar `/imagine` para crear tu imagen.',
    declinedKeep:
      'Has rechazado la versión {{version}} de nuestra política de privacidad, así que el bot no creará imágenes para ti hasta que la aceptes. Tus datos se quedan hasta que lo pidas: `/privacy export` te da una copia y `/privacy delete` los borra.',
    declined:
      'De acuerdo — lo has rechazado, así que el bot no creará imágenes para ti y no guardamos nada sobre ti. Si cambias de opinión, vuelve a ejecutar `/imagine`.',
    processingOn: '✅ Consentimiento al tratamiento dado — ya puedes volver a crear imágenes.',
    processingOff:
      '🛑 Consentimiento al tratamiento retirado. El bot no creará imágenes para ti hasta que lo vuelvas a dar con `/privacy consent what:processing choice:on`. Tus datos se guardan hasta que los borres con `/privacy delete`.',
    trainingOn:
      '✅ Entrenamiento ACTIVADO: nos permites usar tus imágenes para entrenar modelos de IA (registrado con la versión {{version}} de la política). Desactívalo cuando quieras: `/privacy consent what:training choice:off`.',
    trainingOff: '✅ Entrenamiento DESACTIVADO: tus imágenes no se usan para entrenar modelos de IA.',
    marketingOn:
      '✅ Mensajes de marketing ACTIVADOS: podemos enviarte novedades de ImageGen por MD. Date de baja cuando quieras: `/privacy marketing choice:off`.',
    marketingOff: '✅ Mensajes de marketing DESACTIVADOS: no recibirás novedades ni anuncios nuestros.',
    policy_updatesOn:
      '✅ Avisos de cambios de política ACTIVADOS: te escribimos por MD cuando cambie nuestra política de privacidad.',
    policy_updatesOff:
      '✅ Avisos de cambios de política DESACTIVADOS. Igualmente verás un aviso en el bot cuando cambie la política.',
  },
  privacyRequests: {
    nothingToDelete: 'No guardamos ningún dato sobre ti, así que no hay nada que borrar.',
    imagesNow: 'Tus imágenes se borran al instante y se eliminan de la caché del CDN.',
    imagesKept:
      'Tus imágenes se guardan {{days}} días, desvinculadas de ti, y luego se borran (elige `immediate` para borrarlas al instante).',
    deleteTitle: '¿Borrar todos tus datos?',
    deleteText:
      'Esto borra tu perfil, tus identidades de chat vinculadas, tus trabajos de imagen y prompts, tus consentimientos y exportaciones, elimina tu acceso vinculado a ImageGen y tu cliente de pago, y cancela cualquier suscripción. {{images}} No se puede deshacer.',
    deleteYes: 'Sí, borrar todo',
    cancel: 'Cancelar',
    deleting: '🗑️ Borrando tus datos… Te diré aquí (o por mensaje directo) exactamente qué se ha eliminado.',
    keep: 'Cancelado — no se ha borrado nada.',
    nothingToExport: 'No guardamos ningún dato sobre ti, así que no hay nada que exportar.',
    exportPending: 'Tu exportación ya se está preparando — el enlace llegará en cuanto esté lista.',
    exportTitle: 'Preparando tu exportación',
    exportText:
      '📦 Estoy reuniendo todo lo que guardamos sobre ti (perfil, identidades, trabajos de imagen con prompts, créditos, consentimientos, solicitudes) y tus imágenes en un archivo ZIP. Cuando esté listo, te enviaré un enlace de descarga por mensaje directo. El enlace funciona durante {{hours}} horas y solo para esta exportación.',
  },
  privacyOverview: {
    title: 'Tus datos y tu privacidad',
    contact: 'Contacto',
    contactValue: 'Privacidad: {{privacy}} · Soporte: {{support}}\nPolítica (versión {{version}}): {{url}}',
    rights: 'Tus derechos',
    rightsValue:
      '`/privacy export` una copia de todo · `/privacy delete` borrarlo · `/privacy correct` corregir tu nombre/correo · `/privacy consent` entrenamiento / tratamiento · `/privacy marketing` y `/privacy updates` mensajes · `/privacy report-child` denunciar a un menor de 13 años',
    refused:
      'No guardamos nada sobre ti salvo una nota (un hash irreversible de tu ID de chat) de que lo rechazaste o de que no debemos atenderte.',
    nothing: 'No guardamos ningún dato sobre ti. No se guarda nada hasta que uses el bot.',
    intro: 'Esto es lo que guardamos sobre ti. Solo tú puedes ver este mensaje.',
    profile: 'Perfil',
    profileValue:
      'Plan: {{plan}} · créditos: {{credits}}\nNombre: {{name}} · correo: {{email}}\nCuenta vinculada: {{linked}} · cliente de pago: {{customer}}',
    yesClerk: 'sí (Clerk)',
    yesStripe: 'sí (Stripe)',
    no: 'no',
    identities: 'Identidades vinculadas',
    identity: '{{platform}} desde el {{since}}',
    identityWorkspace: '{{platform}} (espacio de trabajo {{scope}}) desde el {{since}}',
    records: 'Registros',
    recordsValue:
      '{{generations}} trabajos de imagen con prompts ({{stored}} con imágenes guardadas) · {{ledger}} movimientos de créditos · {{subscriptions}} suscripciones · {{consents}} registros de consentimiento · {{requests}} solicitudes de privacidad',
    consents: 'Consentimientos',
    acceptedVersion: 'versión {{version}} el {{day}}',
    acceptedOld: 'versión {{version}} el {{day}} (actual: {{current}})',
    notYet: 'todavía no',
    consentsValue:
      'Edad confirmada: {{age}} · política de privacidad aceptada: {{accepted}}\nTratamiento: {{processing}} · entrenamiento con imágenes: {{training}}\nMensajes de marketing: {{marketing}} · avisos de cambios de política: {{updates}}',
    withdrawnOn: 'retirado el {{day}}',
    given: 'dado',
    on: 'activado',
    off: 'desactivado',
  },
  privacyCorrect: {
    nameAlsoLinked: 'Tu nombre también se ha cambiado en tu cuenta vinculada.',
    emailLinked:
      'Tu correo viene de tu cuenta vinculada, donde se verifica: cámbialo allí y el bot lo recogerá la próxima vez que vincules.',
    emailLinkedAt:
      'Tu correo viene de tu cuenta vinculada, donde se verifica: cámbialo allí ({{url}}) y el bot lo recogerá la próxima vez que vincules.',
    updated: '✅ Actualizado: {{fields}}.',
    unchanged: 'Aquí no se ha cambiado nada.',
    name: 'nombre',
    email: 'correo',
    language: 'idioma',
    childReported:
      'Gracias — la denuncia se ha enviado a nuestro equipo, que la revisará y borrará la cuenta si la persona tiene menos de 13 años. A la persona denunciada no se le dice quién la denunció. También puedes escribir a {{contact}}.',
  },
  erasure: {
    alreadyTitle: 'No queda nada que borrar',
    already:
      'Tus datos ya se habían borrado, así que no quedaba nada por eliminar. Borrar dos veces no causa problemas.',
    title: 'Tus datos se han borrado',
    removedHeading: '**Eliminado ahora:**',
    profile: 'tu perfil: nombre, correo, plan, créditos, consentimientos y preferencias',
    identities_one: '{{count}} identidad de chat vinculada ({{list}}), ahora desvinculada',
    identities_other: '{{count}} identidades de chat vinculadas ({{list}}), ahora desvinculadas',
    generations_one: '{{count}} trabajo de imagen con sus prompts',
    generations_other: '{{count}} trabajos de imagen con sus prompts',
    consentRecords_one: '{{count}} registro de consentimiento',
    consentRecords_other: '{{count}} registros de consentimiento',
    exports_one: '{{count}} archivo de exportación',
    exports_other: '{{count}} archivos de exportación',
    subscriptions_one: '{{count}} registro de suscripción',
    subscriptions_other: '{{count}} registros de suscripción',
    queued_one: '{{count}} trabajo en cola (cancelado, nunca ejecutado)',
    queued_other: '{{count}} trabajos en cola (cancelados, nunca ejecutados)',
    clerk: 'tu acceso a la cuenta de ImageGen (Clerk)',
    stripe: 'tu registro de cliente de Stripe',
    stripeCancelled_one: 'tu registro de cliente de Stripe, {{count}} suscripción cancelada',
    stripeCancelled_other: 'tu registro de cliente de Stripe, {{count}} suscripciones canceladas',
    imagesNow_one:
      '**Imágenes:** {{count}} imagen guardada (tus subidas y resultados) borrada ahora y eliminada de la caché del CDN.',
    imagesNow_other:
      '**Imágenes:** {{count}} imágenes guardadas (tus subidas y resultados) borradas ahora y eliminadas de la caché del CDN.',
    imagesLater_one:
      '**Imágenes:** {{count}} imagen guardada (tus subidas y resultados) se borrará de nuestro almacenamiento el {{date}} (UTC), dentro de {{days}} días, como indica nuestra política de privacidad. Ya nada la vincula contigo.',
    imagesLater_other:
      '**Imágenes:** {{count}} imágenes guardadas (tus subidas y resultados) se borrarán de nuestro almacenamiento el {{date}} (UTC), dentro de {{days}} días, como indica nuestra política de privacidad. Ya nada las vincula contigo.',
    imagesNone: '**Imágenes:** no había ninguna guardada.',
    ledger_one: '{{count}} apunte del registro de créditos (contabilidad)',
    ledger_other: '{{count}} apuntes del registro de créditos (contabilidad)',
    requests_one: '{{count}} registro de tus solicitudes de privacidad (prueba de que las respondimos)',
    requests_other: '{{count}} registros de tus solicitudes de privacidad (prueba de que las respondimos)',
    kept: '**Conservado sin nada que te identifique:** {{list}}.',
    end: 'No queda nada más sobre ti. Si vuelves a usar el bot, se crea una cuenta nueva y vacía. Preguntas: {{contact}}',
  },
  privacyExport: {
    failed:
      'Lo sentimos — no se pudo generar tu exportación de datos. Hemos avisado a nuestro equipo, que la completará; también puedes volver a ejecutar `/privacy export` más tarde o escribir a {{contact}}.',
    failedWithId:
      'Lo sentimos — no se pudo generar tu exportación de datos. Hemos avisado a nuestro equipo (ID de error `{{eventId}}`), que la completará; también puedes volver a ejecutar `/privacy export` más tarde o escribir a {{contact}}.',
    readyTitle: 'Tu exportación de datos está lista',
    ready:
      'Descárgala aquí: {{link}}\nEl enlace funciona hasta el {{until}} UTC. Cualquiera que lo tenga puede descargar tus datos, así que no lo compartas. El ZIP contiene `export.json` (todos los registros que guardamos sobre ti) y tus imágenes.',
  },
  dispatch: {
    unknownCommand: 'Este comando ya no está disponible aquí. Prueba `/help`.',
    invalidOptions: 'Algunas opciones no son válidas:\n{{problems}}',
  },
  billingNotices: {
    paymentFailedTitle: 'Pago fallido',
    paymentFailed:
      'No hemos podido cobrar el pago de tu plan de ImageGen. Stripe lo reintentará en los próximos días; para no perder tu plan, actualiza tu tarjeta con `/account billing`.',
  },
  errors: {
    discord_unreachable:
      'Guardado en /jobs — no he podido enviarte el resultado: no puedo publicar donde lo pediste y tus mensajes directos están cerrados para mí. Permite mis mensajes directos para recibir los resultados.',
    slack_not_installed:
      'La aplicación ya no está instalada en este espacio de trabajo de Slack, así que no se pudo publicar la respuesta.',
    slack_token_revoked: 'La aplicación se ha eliminado de este espacio de trabajo de Slack.',
    fetch_host_not_allowed:
      'Ese enlace no es de un servidor del que acepte imágenes. Adjunta la imagen a tu mensaje en su lugar.',
    fetch_private_address:
      'Ese enlace apunta a una dirección de red privada, de la que nunca descargo nada. Adjunta la imagen en su lugar.',
    fetch_bad_redirect_loop:
      'El enlace se ha redirigido demasiadas veces. Adjunta la imagen a tu mensaje en su lugar.',
    fetch_bad_redirect_not_web:
      'El enlace redirige a algo que no es una dirección web. Adjunta la imagen a tu mensaje en su lugar.',
    fetch_bad_redirect_insecure:
      'El enlace redirige de una dirección segura a una insegura. Adjunta la imagen a tu mensaje en su lugar.',
    fetch_bad_redirect_host:
      'El enlace redirige a un servidor del que no descargo imágenes. Adjunta la imagen a tu mensaje en su lugar.',
    fetch_timeout: 'La descarga de la imagen ha tardado demasiado. Inténtalo de nuevo en un momento.',
    fetch_failed: 'No se pudo descargar la imagen (error de red). Inténtalo de nuevo en un momento.',
    fetch_failed_status_retry:
      'No se pudo descargar la imagen: el servidor de archivos respondió HTTP {{status}}. Inténtalo de nuevo en un momento.',
    fetch_failed_status:
      'No se pudo descargar la imagen: el servidor de archivos respondió HTTP {{status}}. Vuelve a subir la imagen.',
    fetch_too_large: 'Ese archivo supera el límite de {{mb}} MB. Sube una imagen más pequeña.',
    fetch_expired: 'El enlace del adjunto ha caducado o se ha borrado — vuelve a subir la imagen.',
    service_busy:
      'El bot está ocupado ahora mismo y no ha podido atender la petición. No se ha cobrado nada — inténtalo de nuevo en un minuto.',
    queue_unavailable:
      'El bot está ocupado ahora mismo y no ha podido poner tu petición en cola. No se ha cobrado nada — inténtalo de nuevo en un minuto.',
    storage_unavailable:
      'El almacenamiento de imágenes tiene problemas ahora mismo, así que tu petición no se ha puesto en cola. No se ha cobrado nada — inténtalo de nuevo en unos minutos.',
    linking_off:
      'La vinculación de cuentas no está configurada en este servidor. Puedes seguir usando el bot con el plan gratuito.',
    not_linked:
      'Esta cuenta de chat no está vinculada a ninguna cuenta, así que no hay nada que desvincular.',
    too_many_jobs_one:
      'Ya tienes {{count}} imagen en curso (límite {{limit}} en el plan {{plan}}). Vuelve a intentarlo en cuanto termine una — `/jobs` muestra su progreso.',
    too_many_jobs_other:
      'Ya tienes {{count}} imágenes en curso (límite {{limit}} en el plan {{plan}}). Vuelve a intentarlo en cuanto termine una — `/jobs` muestra su progreso.',
    daily_quota:
      'Has usado tus {{limit}} imágenes gratuitas de hoy. La cuota se restablece a las 00:00 UTC (dentro de {{wait}}).',
    daily_quota_billing:
      'Has usado tus {{limit}} imágenes gratuitas de hoy. La cuota se restablece a las 00:00 UTC (dentro de {{wait}}). Para tener más, suscríbete a un plan con `/subscribe` o compra un paquete de créditos.',
    server_budget_off:
      'Los admins de este servidor han desactivado aquí la generación de imágenes (`/budget`).',
    server_budget:
      'Este servidor ha agotado su presupuesto diario de {{limit}} imágenes fijado por sus admins. Se restablece a las 00:00 UTC (dentro de {{wait}}); puedes seguir usando el bot por mensaje directo.',
    image_unsupported_type: 'Ese archivo no es una imagen compatible. Adjunta una imagen PNG, JPEG o WebP.',
    image_unsupported_type_decoded:
      'Solo se admiten imágenes PNG, JPEG y WebP — sube la imagen en uno de esos formatos.',
    image_too_large:
      'Esa imagen ocupa {{size}}; el límite es {{limit}}. Envía una imagen más pequeña o más comprimida.',
    image_too_many_pixels:
      'Esa imagen tiene {{mp}} megapíxeles; el límite es {{limit}} megapíxeles. Redimensiónala y vuelve a intentarlo.',
    image_too_many_pixels_decoded:
      'Esa imagen tiene demasiados píxeles: el límite es {{limit}} megapíxeles. Redimensiónala y vuelve a intentarlo.',
    image_corrupt: 'La imagen parece dañada o incompleta — guárdala o expórtala de nuevo y vuelve a subirla.',
    image_too_small:
      'La imagen es demasiado pequeña ({{width}}×{{height}} px): cada lado debe medir al menos {{min}} px. Usa una imagen más grande.',
    source_gone: 'La imagen original de ese trabajo ya no está guardada. Vuelve a ejecutar `/imagine`.',
    unknown_style: 'Ese estilo no existe. Elige uno de la lista.',
    moderation_flagged:
      'Nuestro filtro de contenido ha marcado tu imagen o tu prompt, así que no se ha enviado a generar. No se te ha cobrado nada.',
    provider_blocked:
      'El servicio de imágenes ha rechazado esta petición según su política de contenido. Prueba con otra imagen u otro prompt. No se te ha cobrado nada.',
    provider_rejected:
      'El servicio de imágenes no ha podido procesar esta petición: {{reason}} No se te ha cobrado nada.',
    billing_off:
      'La facturación no está configurada en este servidor, así que no hay nada que comprar — el plan gratuito sigue funcionando como siempre.',
    already_subscribed: 'Ya tienes el plan {{plan}}. Usa `/account billing` para cambiarlo o cancelarlo.',
    product_unavailable_credits: 'Los paquetes de créditos no están a la venta en este servidor.',
    product_unavailable_plan: 'El plan {{plan}} no está a la venta en este servidor.',
    no_billing_account:
      'Todavía no tienes cuenta de facturación — primero suscríbete a un plan con `/subscribe` o compra un paquete de créditos.',
    job_not_found: 'Ese trabajo ya no existe.',
    not_your_job: 'Solo la persona que pidió esta imagen puede hacer eso.',
    not_cancellable_processing: 'Esa imagen ya se está generando y ya no se puede cancelar.',
    not_cancellable: 'Solo se pueden cancelar los trabajos en cola.',
    bad_version: 'Una versión tiene de 1 a 40 letras, dígitos, ".", "_" o "-".',
    version_exists: 'La versión {{version}} ya se publicó.',
    bad_user: 'Menciona a la persona (p. ej. @nombre) o indica su ID de usuario.',
    no_report: 'No hay ninguna denuncia abierta con ese ID.',
    nothing_to_correct:
      'Dime qué cambiar: `/privacy correct name:<tu nombre>`, `email:<dirección>` o `language:<código, p. ej. es-ES>`.',
    empty_announcement: 'Un anuncio necesita algo de texto.',
    long_announcement: 'Un anuncio debe tener menos de 1500 caracteres.',
    not_in_server:
      'Los presupuestos se aplican a servidores y espacios de trabajo — ejecútalo en uno de ellos, no en un mensaje directo.',
    not_server_admin:
      'Solo los admins del servidor pueden cambiar el presupuesto (Discord: el permiso Gestionar servidor; Slack: admins del espacio de trabajo).',
    age_refused:
      'Lo sentimos — ImageGen no está disponible para menores de 13 años, así que el bot no crea imágenes para ti. No guardamos nada sobre ti, salvo una nota de que no debemos atenderte. Si es un error, contacta con {{contact}}.',
  },
};
