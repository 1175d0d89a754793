//! The shape check Bitwarden's `[EncryptedString]` attribute applies. The server never decrypts;
//! it only refuses text that no client could have produced, so garbage never reaches storage.

/// Number of `|`-separated base64 pieces each EncString type carries.
fn pieces_for_type(t: u8) -> Option<usize> {
    match t {
        0 | 5 | 6 => Some(2),
        1 | 2 => Some(3),
        3 | 4 | 7 => Some(1),
        _ => None,
    }
}

fn is_base64_piece(p: &str) -> bool {
    !p.is_empty()
        && p.len().is_multiple_of(4)
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
        && !p.trim_end_matches('=').contains('=')
        && p.len() - p.trim_end_matches('=').len() <= 2
}

/// Whether `s` is a well-formed EncString (`<type>.<b64>[|<b64>…]`, or a headerless legacy value).
#[must_use]
pub fn is_valid(s: &str) -> bool {
    let (kind, body) = match s.split_once('.') {
        Some((header, body)) => match header.parse::<u8>() {
            Ok(t) => (Some(t), body),
            Err(_) => return false,
        },
        None => (None, s),
    };
    let pieces: Vec<&str> = body.split('|').collect();
    let expected = match kind {
        Some(t) => match pieces_for_type(t) {
            Some(n) => n,
            None => return false,
        },
        // Headerless legacy values: 2 pieces are type 0, 3 pieces type 1.
        None if pieces.len() == 2 || pieces.len() == 3 => pieces.len(),
        None => return false,
    };
    pieces.len() == expected && pieces.iter().all(|p| is_base64_piece(p))
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn accepts_the_types_clients_produce() {
        assert!(is_valid(
            "2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAA"
        ));
        assert!(is_valid("4.AAAA"));
        assert!(is_valid("7.AAAA"));
        assert!(is_valid("AAAA|AAAA"));
    }

    #[test]
    fn refuses_malformed_strings() {
        assert!(!is_valid("hello"));
        assert!(!is_valid("2.AAAA|AAAA"));
        assert!(!is_valid("2.AAAA|AAAA|AAAA|AAAA"));
        assert!(!is_valid("2.AAA|AAAA|AAAA"));
        assert!(!is_valid("9.AAAA"));
        assert!(!is_valid("x.AAAA"));
        assert!(!is_valid("2.AA!A|AAAA|AAAA"));
        assert!(!is_valid("2.|AAAA|AAAA"));
        assert!(!is_valid("4.A=AA"));
        assert!(!is_valid(""));
    }
}
