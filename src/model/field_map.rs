//! A small map from CSL variable name to field, kept as a sorted vector.
//!
//! A record holds a handful of fields per kind; a `BTreeMap` would allocate a
//! full node (about a kilobyte) per map even for one entry, which dominated the
//! memory of a 100,000-record library. This map allocates exactly what it holds,
//! keeps the same iteration order (by name) and offers the same methods.

/// Fields by CSL variable name, in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap<T> {
    entries: Vec<(&'static str, T)>,
}

impl<T> Default for FieldMap<T> {
    fn default() -> Self {
        FieldMap {
            entries: Vec::new(),
        }
    }
}

impl<T> FieldMap<T> {
    pub fn new() -> FieldMap<T> {
        FieldMap::default()
    }

    /// An empty map with room for `capacity` fields.
    pub fn with_capacity(capacity: usize) -> FieldMap<T> {
        FieldMap {
            entries: Vec::with_capacity(capacity),
        }
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        // Byte by byte in place (names are short): the same order as
        // `str`'s, without a `memcmp` call per step.
        self.entries
            .binary_search_by(|(k, _)| k.bytes().cmp(name.bytes()))
    }

    pub fn get(&self, name: &str) -> Option<&T> {
        self.find(name).ok().map(|i| &self.entries[i].1)
    }

    /// The value of `name` with the map's own (static) copy of the name.
    pub fn get_key_value(&self, name: &str) -> Option<(&'static str, &T)> {
        self.find(name).ok().map(|i| {
            let (k, v) = &self.entries[i];
            (*k, v)
        })
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.find(name).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name`, returning the value it replaces.
    pub fn insert(&mut self, name: &'static str, value: T) -> Option<T> {
        match self.find(name) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (name, value));
                None
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<T> {
        self.find(name).ok().map(|i| self.entries.remove(i).1)
    }

    /// The value of `name`, inserting `make()` first when absent.
    pub fn get_or_insert_with(&mut self, name: &'static str, make: impl FnOnce() -> T) -> &mut T {
        let i = match self.find(name) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (name, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// Frees spare capacity (a loaded library keeps many small maps).
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &T)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&&'static str, &mut T)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &&'static str> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

impl<'a, T> IntoIterator for &'a FieldMap<T> {
    type Item = (&'a &'static str, &'a T);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'static str, T)>,
        fn(&'a (&'static str, T)) -> (&'a &'static str, &'a T),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<T> FromIterator<(&'static str, T)> for FieldMap<T> {
    fn from_iter<I: IntoIterator<Item = (&'static str, T)>>(iter: I) -> Self {
        let mut map = FieldMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// Serialised as a sequence of (name, value) pairs, for the load cache.
impl<T: serde::Serialize> serde::Serialize for FieldMap<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.entries.iter())
    }
}

/// Names come back as the model's own `&'static str` (one copy per
/// variable, not per record); a name that is not a CSL variable, or names
/// out of order, make the data invalid: it was not written by this map.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for FieldMap<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(PairsVisitor(std::marker::PhantomData))
    }
}

/// Reads the (name, value) pairs straight into the map's vector: no second
/// vector of borrowed names to copy them from (a load decodes three maps
/// per record).
struct PairsVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for PairsVisitor<T> {
    type Value = FieldMap<T>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a sequence of (variable name, field) pairs")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        // A hint from the data is capped: a corrupt length must not size
        // the vector (a record has a few dozen variables at most).
        let mut entries: Vec<(&'static str, T)> =
            Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some((name, value)) = seq.next_element::<(std::borrow::Cow<'de, str>, T)>()? {
            let Some(variable) = super::variable::lookup(&name) else {
                return Err(A::Error::custom(format!("`{name}` is not a variable")));
            };
            if entries
                .last()
                .is_some_and(|(last, _)| *last >= variable.name)
            {
                return Err(A::Error::custom("field names out of order"));
            }
            entries.push((variable.name, value));
        }
        Ok(FieldMap { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_sorted_map() {
        let mut map = FieldMap::new();
        assert_eq!(map.insert("title", 1), None);
        assert_eq!(map.insert("URL", 2), None);
        assert_eq!(map.insert("author", 3), None);
        assert_eq!(map.insert("title", 4), Some(1));
        let keys: Vec<_> = map.keys().copied().collect();
        assert_eq!(keys, ["URL", "author", "title"]);
        assert_eq!(map.get("title"), Some(&4));
        assert!(map.contains_key("author") && !map.contains_key("issued"));
        *map.get_or_insert_with("issued", || 0) += 5;
        assert_eq!(map.remove("issued"), Some(5));
        assert_eq!(map.len(), 3);
        let pairs: Vec<_> = (&map).into_iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(pairs, [("URL", 2), ("author", 3), ("title", 4)]);
    }
}
