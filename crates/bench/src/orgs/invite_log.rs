//! Invitation links from the server log. Without SMTP the server logs every mail's link at
//! info level, and an invitation's link is the only place its membership id and token appear.

/// The parts of one `…/#/accept-organization?…` link the accept request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub org_id: String,
    pub member_id: String,
    pub email: String,
    pub token: String,
}

const LINK_MARK: &str = "accept-organization?";

/// Every invitation link in `log`, oldest first.
pub fn invitations(log: &str) -> Vec<Invitation> {
    log.lines().filter_map(parse_line).collect()
}

/// The latest invitation of `email` to `org_id` (a re-invite would log a newer token).
pub fn find<'a>(all: &'a [Invitation], org_id: &str, email: &str) -> Option<&'a Invitation> {
    all.iter()
        .rev()
        .find(|i| i.org_id == org_id && i.email.eq_ignore_ascii_case(email))
}

fn parse_line(line: &str) -> Option<Invitation> {
    let start = line.find(LINK_MARK)? + LINK_MARK.len();
    // The log quotes the field or ends it with a space; the query itself is URL-encoded and so
    // contains neither.
    let query = line[start..].split(['"', ' ']).next()?;
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .map(url_decode)
    };
    Some(Invitation {
        org_id: param("organizationId")?,
        member_id: param("organizationUserId")?,
        email: param("email")?,
        token: param("token")?,
    })
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match bytes[i] {
            b'+' => Some((b' ', 1)),
            b'%' => text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map(|b| (b, 3)),
            _ => None,
        };
        let (byte, width) = decoded.unwrap_or((bytes[i], 1));
        out.push(byte);
        i += width;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_logged_link() {
        let log = "2026-11-22T07:00:00Z  INFO bulwark::mail: mail not sent (no SMTP configured); \
            pass this link on kind=\"invitation\" to=a@b.c \
            link=\"http://localhost/#/accept-organization?organizationId=o1&organizationUserId=m1\
            &email=a%40b.c&organizationName=Bench+org&token=x.y%2Bz%3D&initOrganization=False\
            &orgUserHasExistingUser=True\"\nunrelated line\n";
        let all = invitations(log);
        assert_eq!(
            all,
            vec![Invitation {
                org_id: "o1".into(),
                member_id: "m1".into(),
                email: "a@b.c".into(),
                token: "x.y+z=".into(),
            }]
        );
        assert!(find(&all, "o1", "A@B.C").is_some());
        assert!(find(&all, "o2", "a@b.c").is_none());
    }

    #[test]
    fn decodes_form_encoding() {
        assert_eq!(url_decode("a+b%2Fc%zz"), "a b/c%zz");
    }
}
