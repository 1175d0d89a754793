//! The strict reading of a JSON body into a wire type. serde's derived structs also accept a
//! JSON array (fields by position), so `[]` would pass for any request whose fields are all
//! optional and then read as "nothing given". This deserializer over a parsed
//! [`serde_json::Value`] refuses an array wherever a struct is expected and otherwise behaves as
//! `serde_json::from_value`. It is wrapped in `serde_path_to_error`, so a refusal names the field.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

/// Deserializes `value` as `T` strictly; the error carries the path of the offending field.
pub(super) fn from_value<T: de::DeserializeOwned>(
    value: Value,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize(Strict(value))
}

/// The path (`login.uris[2].uri`) of the first text in `value` that holds a NUL character.
/// Object keys count as text too. PostgreSQL cannot store U+0000 in text and SQLite would
/// store it as given, so it is refused before any handler sees it, the same on both.
pub(super) fn first_nul(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => s.contains('\0').then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| first_nul(item).map(|rest| format!("[{i}]{}", dotted(&rest)))),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            if key.contains('\0') {
                return Some(key.replace('\0', "\\u0000"));
            }
            first_nul(item).map(|rest| format!("{key}{}", dotted(&rest)))
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

/// Joins a child path: `.name` after a key, as is for an index.
fn dotted(rest: &str) -> String {
    if rest.is_empty() || rest.starts_with('[') {
        rest.to_owned()
    } else {
        format!(".{rest}")
    }
}

struct Strict(Value);

impl<'de> de::Deserializer<'de> for Strict {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(map) => visit_object(map, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            Value::Array(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &"an object")),
            other => Strict(other).deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            // A unit variant by name, the only enum form our request types use.
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            other => other.deserialize_enum(name, variants, visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn visit_array<'de, V: Visitor<'de>>(
    items: Vec<Value>,
    visitor: V,
) -> Result<V::Value, serde_json::Error> {
    let len = items.len();
    let mut access = Items(items.into_iter());
    let out = visitor.visit_seq(&mut access)?;
    if access.0.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in array"))
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, serde_json::Error> {
    visitor.visit_map(Fields {
        iter: map.into_iter(),
        value: None,
    })
}

struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Strict(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields {
    iter: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(Value::String(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was read before its key"))?;
        seed.deserialize(Strict(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct AllOptional {
        #[serde(default)]
        collection_ids: Option<Vec<String>>,
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Outer {
        items: Vec<AllOptional>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Reader,
    }

    #[test]
    fn an_array_is_not_an_object_even_when_every_field_is_optional() {
        // serde_json itself accepts this: the bug that unlinked an item from every collection.
        assert!(serde_json::from_value::<AllOptional>(json!([])).is_ok());
        let e = from_value::<AllOptional>(json!([])).unwrap_err();
        assert!(e.to_string().contains("expected an object"), "{e}");
        let e = from_value::<Outer>(json!({"items": [{"name": "a"}, []]})).unwrap_err();
        assert_eq!(e.path().to_string(), "items[1]");
    }

    #[test]
    fn objects_lists_options_and_enums_read_as_serde_json_reads_them() {
        let v = json!({"items": [{"collectionIds": ["a"], "name": null}], "kind": "reader"});
        assert_eq!(
            from_value::<Outer>(v.clone()).unwrap(),
            serde_json::from_value::<Outer>(v).unwrap()
        );
        let e = from_value::<Outer>(json!({"items": [{"name": 5}]})).unwrap_err();
        assert_eq!(e.path().to_string(), "items[0].name");
        assert!(from_value::<Vec<u8>>(json!([1, 2, 300])).is_err());
        assert_eq!(from_value::<(u8, u8)>(json!([1, 2])).unwrap(), (1, 2));
    }

    #[test]
    fn the_first_nul_is_found_with_its_path() {
        assert_eq!(first_nul(&json!({"a": ["x", "y"], "b": 1})), None);
        assert_eq!(first_nul(&json!("a\u{0}b")).as_deref(), Some(""));
        assert_eq!(
            first_nul(&json!({"login": {"uris": [{"uri": "ok"}, {"uri": "\u{0}"}]}})).as_deref(),
            Some("login.uris[1].uri")
        );
        assert_eq!(
            first_nul(&json!([{"k\u{0}": 1}])).as_deref(),
            Some("[0].k\\u0000")
        );
    }
}
