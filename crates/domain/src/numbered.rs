//! `numbered_enum!`: enums whose variants carry Bitwarden's wire numbers. The numbers are the
//! interface (clients send and receive them), so each enum gets the same two conversions:
//! `TryFrom<i64>` at the edge (unknown numbers are refused, the error is the number) and
//! `number()` for storage and responses.

macro_rules! numbered_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $num:literal),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The upstream wire number.
            #[must_use]
            pub fn number(self) -> i64 {
                match self { $(Self::$variant => $num),* }
            }
        }

        impl TryFrom<i64> for $name {
            type Error = i64;
            fn try_from(v: i64) -> Result<Self, i64> {
                match v { $($num => Ok(Self::$variant),)* other => Err(other) }
            }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 {
                v.number()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.number())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let n = <i64 as serde::Deserialize>::deserialize(d)?;
                Self::try_from(n).map_err(|n| {
                    serde::de::Error::custom(format!("{} {n} is not valid", stringify!($name)))
                })
            }
        }
    };
}

pub(crate) use numbered_enum;
