//! What a chat line says after its stamp: who wrote, and whether it is their words, a
//! photo or file, a call, or one of WhatsApp's own notices (encryption, deletions, group
//! changes), which are no touch at all.
//!
//! The phrases are WhatsApp's own, checked against real exports in public test data
//! (starkdmi/whats_json's per-language exports, WhatsR, a 2025 Brazilian export) and
//! against WhatsApp's string tables as whats_json's patterns.dart lists them: English
//! first, then German, Spanish, French, Italian, Portuguese, Dutch and Russian.

use super::lines::is_mark;
use crate::vocab::Channel;

pub(super) enum Said {
    /// Words (a message, a location link).
    Written(String),
    /// A photo, voice note or file; the caption, if one followed on later lines.
    Media(String),
    /// A call that was answered.
    Call(Channel),
    /// A notice, a deleted message, a missed call.
    Nothing,
}

/// The sender and their text, or `None` for a notice with no sender ("Ana added Bo").
pub(super) fn split_sender(body: &str) -> Option<(&str, &str)> {
    let (name, said) = match body.find(": ") {
        Some(i) => (&body[..i], &body[i + 2..]),
        None => (body.strip_suffix(':')?, ""),
    };
    let bare = name.trim_matches(|c: char| c.is_whitespace() || is_mark(c));
    // A notice quoting a group's name ("changed the subject from "A: B" …") is no sender.
    if bare.is_empty() || bare.chars().count() > 80 || name.contains(['"', '\u{201C}', '\u{201D}', '\u{AB}', '\u{BB}', '\u{201E}']) {
        return None;
    }
    Some((name, said))
}

/// Without the invisible direction marks WhatsApp puts around names and notices.
pub(super) fn unmarked(s: &str) -> String {
    s.chars().filter(|&c| !is_mark(c)).collect()
}

/// The sender's name as shown: marks dropped, and the "~ " Android puts before a
/// number's self-chosen name when it is not in the phone's contacts.
pub(super) fn sender_name(raw: &str) -> String {
    let name = unmarked(raw);
    let name = name.trim();
    let name = name.strip_prefix('~').map_or(name, |rest| rest.trim_start());
    name.to_owned()
}

/// `+12 345 578` → `+12345578`: a phone number's digits, for matching.
pub(super) fn phone_key(name: &str) -> Option<String> {
    let rest = name.strip_prefix('+')?;
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{A0}' | '\u{202F}')) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 5).then(|| format!("+{digits}"))
}

/// What the text (with its continuation lines) is.
pub(super) fn classify(raw: &str) -> Said {
    // iOS starts what WhatsApp itself wrote with U+200E: media, calls and notices.
    let generated = raw.trim_start_matches(' ').starts_with('\u{200E}');
    let text = unmarked(raw);
    let text = strip_edited(text.trim());
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim();
    let lower = if first.len() <= 200 { first.to_lowercase() } else { String::new() };
    let lower = lower.trim_end_matches('.');
    if NOTICES.contains(&lower) || NOTICE_STARTS.iter().any(|p| lower.starts_with(p)) || is_security_code(lower) {
        return Said::Nothing;
    }
    if let Some(call) = call(lower) {
        return call.map_or(Said::Nothing, Said::Call);
    }
    if is_media(first, lower) {
        return Said::Media(rest.trim().to_owned());
    }
    if generated && !first.contains("://") {
        return Said::Nothing;
    }
    Said::Written(text.to_owned())
}

/// Android appends "<This message was edited>" to an edited message.
fn strip_edited(text: &str) -> &str {
    text.strip_suffix("<This message was edited>").map_or(text, str::trim_end)
}

/// Deleted messages and placeholders, lowercase, without a final full stop.
const NOTICES: &[&str] = &[
    "this message was deleted",
    "you deleted this message",
    "waiting for this message",
    "waiting for this message. this may take a while",
    "esperando este mensaje",
    "this message was deleted by an admin",
    "you deleted this message as admin",
    "null",
    "diese nachricht wurde gelöscht",
    "du hast diese nachricht gelöscht",
    "se eliminó este mensaje",
    "este mensaje fue eliminado",
    "eliminaste este mensaje",
    "ce message a été supprimé",
    "vous avez supprimé ce message",
    "questo messaggio è stato eliminato",
    "hai eliminato questo messaggio",
    "esta mensagem foi apagada",
    "mensagem apagada",
    "você apagou esta mensagem",
    "apagou esta mensagem",
    "dit bericht is verwijderd",
    "u hebt dit bericht verwijderd",
    "данное сообщение удалено",
    "вы удалили это сообщение",
    "вы удалили данное сообщение",
];

/// The encryption notice, which some exports give a sender (the chat's name on iOS).
const NOTICE_STARTS: &[&str] = &[
    "messages and calls are end-to-end encrypted",
    "messages to this group are now secured with end-to-end encryption",
    "messages to this chat and calls are now secured with end-to-end encryption",
    "messages you send to this group are now secured with end-to-end encryption",
    "messages you send to this chat and calls are now secured with end-to-end encryption",
    "this message was deleted by admin ",
    "nachrichten und anrufe sind ende-zu-ende-verschlüsselt",
    "los mensajes y las llamadas están cifrados de extremo a extremo",
    "les messages et les appels sont chiffrés de bout en bout",
    "i messaggi e le chiamate sono crittografati end-to-end",
    "as mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
    "as mensagens e chamadas são encriptadas ponto a ponto",
    "as mensagens e ligações são protegidas com a criptografia de ponta a ponta",
    "berichten en gesprekken worden end-to-end versleuteld",
    "berichten en oproepen worden end-to-end versleuteld",
    "сообщения и звонки защищены сквозным шифрованием",
];

fn is_security_code(lower: &str) -> bool {
    lower.starts_with("your security code with ") && lower.contains(" changed")
}

const VOICE: &[&str] =
    &["voice call", "sprachanruf", "llamada de voz", "appel vocal", "chiamata vocale", "chamada de voz", "spraakoproep", "аудиозвонок"];

const VIDEO: &[&str] =
    &["video call", "videoanruf", "videollamada", "appel vidéo", "videochiamata", "videochamada", "video-oproep", "видеозвонок"];

const MISSED: &[&str] = &[
    "missed voice call",
    "missed video call",
    "missed group voice call",
    "missed group video call",
    "silenced voice call",
    "silenced video call",
    "verpasster sprachanruf",
    "verpasster videoanruf",
    "llamada perdida",
    "llamada de voz perdida",
    "videollamada perdida",
    "appel vocal manqué",
    "appel vidéo manqué",
    "chiamata vocale persa",
    "videochiamata persa",
    "chamada de voz perdida",
    "videochamada perdida",
    "chamada de vídeo perdida",
    "ligação de voz perdida",
    "ligação de vídeo perdida",
    "gemist spraakgesprek",
    "gemiste spraakoproep",
    "gemist videogesprek",
    "gemiste video-oproep",
    "пропущенный аудиозвонок",
    "пропущенный видеозвонок",
];

/// `Some(Some(channel))` for a call that happened ("Voice call, 12 min"), `Some(None)`
/// for one that did not. A missed or unanswered call is no touch: nobody spoke, and
/// logging it as a written ping would count a conversation that never took place.
fn call(lower: &str) -> Option<Option<Channel>> {
    // Android writes "Voice call, 12 min"; iOS exports also "Voice call. 2 min".
    let (head, detail) = lower.split_once([',', '.']).map_or((lower, ""), |(h, d)| (h.trim(), d.trim()));
    if MISSED.contains(&head) {
        return Some(None);
    }
    let channel = if VOICE.contains(&head) {
        Channel::Phone
    } else if VIDEO.contains(&head) {
        Channel::Video
    } else {
        return None;
    };
    // "Voice call, 12 min" lasted; "Voice call, No answer" or "Tap to call back" did not.
    let answered = detail.is_empty() || detail.chars().any(|c| c.is_ascii_digit()) || detail.contains("answered on other device");
    Some(answered.then_some(channel))
}

/// iOS "image omitted" (the export left the media out), lowercase.
const OMITTED: &[&str] = &[
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "gif omitted",
    "document omitted",
    "contact card omitted",
    "bild weggelassen",
    "video weggelassen",
    "audio weggelassen",
    "sticker weggelassen",
    "dokument weggelassen",
    "gif weggelassen",
    "kontaktkarte ausgelassen",
    "imagen omitida",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "documento omitido",
    "gif omitido",
    "tarjeta de contacto omitida",
    "image absente",
    "vidéo absente",
    "audio omis",
    "sticker omis",
    "document manquant",
    "gif retiré",
    "fiche contact manquante",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "sticker non incluso",
    "documento omesso",
    "gif esclusa",
    "scheda contatto omessa",
    "imagem ocultada",
    "áudio ocultado",
    "vídeo omitido",
    "figurinha omitida",
    "cartão do contato omitido",
    "imagem não revelada",
    "vídeo não revelado",
    "ficheiro de áudio não revelado",
    "sticker não revelado",
    "documento não revelado",
    "gif não revelada",
    "contacto não revelado",
    "afbeelding weggelaten",
    "video weggelaten",
    "audio weggelaten",
    "sticker weggelaten",
    "gif weggelaten",
    "document weggelaten",
    "visitekaartje weggelaten",
    "изображение отсутствует",
    "видео отсутствует",
    "аудиофайл отсутствует",
    "стикер не добавлен",
    "документ отсутствует",
    "gif отсутствует",
    "карточка контакта отсутствует",
];

/// Android "IMG-20190101-WA0001.jpg (file attached)" when the export kept the media.
const ATTACHED: &[&str] = &[
    "(file attached)",
    "(datei angehängt)",
    "(archivo adjunto)",
    "(archivo adjuntado)",
    "(fichier joint)",
    "(file allegato)",
    "(arquivo anexado)",
    "(ficheiro anexado)",
    "(bestand bijgevoegd)",
    "(файл добавлен)",
];

/// `<Media omitted>`, `<attached: 00000001-PHOTO-….jpg>`, `<adjunto: …>`, `<Anhang: …>`,
/// "Resume.pdf • 2 pages <attached: …>", "image omitted", "… (file attached)".
fn is_media(first: &str, lower: &str) -> bool {
    if first.ends_with('>') {
        if let Some(open) = first.rfind('<') {
            return open == 0 || first[open..].contains(':');
        }
    }
    OMITTED.iter().chain(ATTACHED).any(|m| lower.ends_with(m))
}
