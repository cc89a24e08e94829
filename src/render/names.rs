//! A page's values, as the names its template reads: each field of the page's values (and of
//! the frame flattened into them) becomes one entry of Tera's `Context`.
//!
//! Tera's own `Context::from_serialize` makes the whole page one template value first (an
//! ordered map, every key hashed), then copies each entry into the context with its key made
//! again. This writes each field straight into the context, its name made once: a struct's
//! field names are kept as the `&'static str` they are; a struct with the frame flattened
//! into it comes as a map (that is how serde writes `flatten`), and each of its names is
//! made a `String` once. Written here because serde has no such serializer and Tera's is
//! private; it takes only what page values are (structs and maps of named fields), and says
//! so for anything else.

use serde::Serialize;
use serde::ser::{self, Impossible};
use std::borrow::Cow;
use std::fmt;
use tera::{Context, Value};

/// Every field of `values` as a name in `context`.
pub fn insert_fields<T: Serialize + ?Sized>(
    context: &mut Context,
    values: &T,
) -> Result<(), NotNamed> {
    values.serialize(Names(context))
}

/// Page values that are not a struct or a map of named fields: a mistake in Chorus.
#[derive(Debug)]
pub struct NotNamed(String);

impl fmt::Display for NotNamed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a page's values must be named fields: {}", self.0)
    }
}

impl std::error::Error for NotNamed {}

impl ser::Error for NotNamed {
    fn custom<M: fmt::Display>(message: M) -> Self {
        NotNamed(message.to_string())
    }
}

impl From<NotNamed> for tera::Error {
    fn from(error: NotNamed) -> Self {
        tera::Error::message(error.to_string())
    }
}

struct Names<'c>(&'c mut Context);

/// The fields of one struct or map, going into the context.
struct Fields<'c> {
    context: &'c mut Context,
    /// A map's key, until its value comes.
    key: Option<String>,
}

impl Fields<'_> {
    fn insert<T: Serialize + ?Sized>(
        &mut self,
        name: Cow<'static, str>,
        value: &T,
    ) -> Result<(), NotNamed> {
        let value = Value::try_from_serializable(value).map_err(|e| NotNamed(e.to_string()))?;
        self.context.insert_value(name, value);
        Ok(())
    }
}

/// Refuses every kind of value but a struct and a map.
macro_rules! not_named {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ok, NotNamed> {
            Err(NotNamed(stringify!($method).into()))
        }
    )*};
}

impl<'c> ser::Serializer for Names<'c> {
    type Ok = ();
    type Error = NotNamed;
    type SerializeSeq = Impossible<(), NotNamed>;
    type SerializeTuple = Impossible<(), NotNamed>;
    type SerializeTupleStruct = Impossible<(), NotNamed>;
    type SerializeTupleVariant = Impossible<(), NotNamed>;
    type SerializeMap = Fields<'c>;
    type SerializeStruct = Fields<'c>;
    type SerializeStructVariant = Impossible<(), NotNamed>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'c>, NotNamed> {
        Ok(Fields {
            context: self.0,
            key: None,
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'c>, NotNamed> {
        Ok(Fields {
            context: self.0,
            key: None,
        })
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotNamed> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotNamed> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotNamed> {
        Err(NotNamed("serialize_newtype_variant".into()))
    }

    not_named! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = NotNamed;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), NotNamed> {
        self.insert(Cow::Borrowed(name), value)
    }

    fn end(self) -> Result<(), NotNamed> {
        Ok(())
    }
}

/// A map's fields: what a struct with a flattened field (the frame) is written as.
impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = NotNamed;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotNamed> {
        match Value::try_from_serializable(key) {
            Ok(key) if key.as_str().is_some() => {
                self.key = key.as_str().map(str::to_owned);
                Ok(())
            }
            _ => Err(NotNamed("a key that is not a name".into())),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotNamed> {
        let key = self
            .key
            .take()
            .ok_or_else(|| NotNamed("a value with no key".into()))?;
        self.insert(Cow::Owned(key), value)
    }

    fn end(self) -> Result<(), NotNamed> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Frame {
        title: String,
        root: &'static str,
    }

    #[derive(Serialize)]
    struct Page {
        #[serde(flatten)]
        frame: Frame,
        count: usize,
        tags: Vec<&'static str>,
        note: Option<String>,
        /// A value already made for the template, marked safe (not to be escaped).
        body: Value,
    }

    /// The same names and values, each written as the template would show it.
    fn shown(context: &Context, names: &[&str]) -> Vec<String> {
        (names.iter())
            .map(|name| {
                let value = context.get(name);
                let safe = value.is_some_and(Value::is_safe);
                format!("{name}={:?} safe={safe}", value.map(|v| v.to_string()))
            })
            .collect()
    }

    /// The names a page's template reads are the same, with the same values, as Tera's own
    /// `Context::from_serialize` gives.
    #[test]
    fn a_page_gives_the_same_names_as_teras_own_way() {
        let page = Page {
            frame: Frame {
                title: "A story <told>".into(),
                root: "../",
            },
            count: 3,
            tags: vec!["a", "b"],
            note: None,
            body: Value::safe_string("<p>Words</p>"),
        };
        let names = ["title", "root", "count", "tags", "note", "body"];
        let mut context = Context::new();
        insert_fields(&mut context, &page).unwrap();
        let teras = Context::from_serialize(&page).unwrap();
        assert_eq!(shown(&context, &names), shown(&teras, &names));
        assert_eq!(
            context.get("title").and_then(|v| v.as_str()),
            Some("A story <told>")
        );
        assert!(context.get("body").is_some_and(Value::is_safe));
        // A struct with nothing flattened into it comes field by field.
        let mut context = Context::new();
        insert_fields(&mut context, &page.frame).unwrap();
        let teras = Context::from_serialize(&page.frame).unwrap();
        assert_eq!(
            shown(&context, &["title", "root"]),
            shown(&teras, &["title", "root"])
        );
    }

    #[test]
    fn values_that_are_not_named_fields_are_refused() {
        let mut context = Context::new();
        let refused = insert_fields(&mut context, &vec![1, 2]).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "a page's values must be named fields: serialize_seq"
        );
    }
}
